// tbp's page script: a new session on "Start again", and a question before a live tab is closed
// (a guest's reflections are gone with the tab unless they were downloaded first).
"use strict";
window.addEventListener("DOMContentLoaded", function () {
  var restart = document.getElementById("restart");
  if (restart) {
    restart.addEventListener("click", function () {
      window.location.href = window.location.pathname;
    });
  }
});
window.addEventListener("beforeunload", function (event) {
  var body = document.body;
  if (body && body.classList.contains("-first-byte") && !body.classList.contains("-closed")) {
    event.preventDefault();
    event.returnValue = "";
  }
});
