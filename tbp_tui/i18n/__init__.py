"""Every string the app itself shows (full app, plain mode and the CLI), in bokmål (default) and English.

Course text is not here: it comes from the course files. Screens call `Catalog(lang)(key)`;
a key missing from a language is a bug that `tests/ui/test_i18n.py` catches.
"""

from __future__ import annotations

import os
from typing import Final

from tbp_tui.options import Lang

NB: Final[dict[str, str]] = {
    # app and common
    "app.title": "Traumebevisst praksis",
    "common.minutes": "{n} min",
    "common.back": "Tilbake",
    "common.close": "Lukk",
    "common.yes": "Ja",
    "common.no": "Nei",
    "notice.save_failed": "Framgangen kunne ikke lagres nå. Den prøves lagret igjen.",
    # bindings
    "b.help": "Hjelp",
    "b.palette": "Åpne modul …",
    "b.quit": "Avslutt",
    "b.back": "Tilbake",
    "b.open": "Åpne",
    "b.resume": "Fortsett",
    "b.approach": "Tilnærming",
    "b.glossary": "Begreper",
    "b.helpnumbers": "Hjelpenumre",
    "b.next": "Neste",
    "b.prev": "Forrige",
    "b.steps": "Stegliste",
    "b.activate": "Skriv / velg",
    "b.timer_toggle": "Tidtaker",
    "b.timer_reset": "Nullstill",
    "b.timer_plus": "+1 min",
    "b.timer_bell": "Lyd av/på",
    "b.theme": "Farger (tema)",
    "b.answer": "Svar {n}",
    "b.answer_any": "Velg svaret med det nummeret",
    "b.leave_text": "Ut av tekstfeltet",
    "b.scroll_down": "Rull ned",
    "b.scroll_up": "Rull opp",
    "b.close": "Lukk",
    "b.choose": "Velg",
    "b.confirm_yes": "Ja",
    "b.confirm_no": "Nei",
    "b.hide": "Skjul",
    "b.unhide": "Vis igjen",
    "b.tick": "Kryss av",
    "b.next_section": "Neste del",
    "b.prev_section": "Forrige del",
    "b.section": "Gå til del nummer",
    "b.field_next": "Neste punkt",
    "b.field_prev": "Forrige punkt",
    "b.export": "Eksporter",
    "b.clear": "Tøm",
    "b.leave_note": "Ut av notatet",
    "b.cancel": "Avbryt",
    "b.write": "Skriv filen",
    # keys of Textual's own widgets, by action
    "a.cursor_up": "Opp i lista",
    "a.cursor_down": "Ned i lista",
    "a.first": "Først i lista",
    "a.last": "Sist i lista",
    "a.page_up": "Side opp",
    "a.page_down": "Side ned",
    "a.select": "Velg",
    "a.focus_next": "Neste felt",
    "a.focus_previous": "Forrige felt",
    "a.scroll_up": "Rull opp",
    "a.scroll_down": "Rull ned",
    "a.scroll_home": "Til toppen",
    "a.scroll_end": "Til bunnen",
    "a.copy": "Kopier",
    "a.paste": "Lim inn",
    "a.undo": "Angre",
    "a.redo": "Gjør om",
    "a.select_all": "Merk alt",
    # home
    "home.resume": "▶ Fortsett: {module} – {step}",
    "home.resume_module": "▶ Fortsett: {module}",
    "home.start": "▶ Start kurset: {module}",
    "home.modules": "Moduler",
    "home.more": "Mer",
    "home.glossary": "Begrepsliste",
    "home.helpnumbers": "Hjelpenumre",
    "home.approach": "Tilnærming: {name}  (a for å endre)",
    "home.explored": "{seen} av {steps} sett",
    "home.reflections_one": "1 refleksjon",
    "home.reflections_many": "{n} refleksjoner",
    "home.skipped": "↷ {n} hoppet over",
    "home.private": "lagres ikke",
    # approaches
    "approach.kunnskap": "Kunnskap",
    "approach.praksis": "Praksis",
    "approach.erfaring": "Erfaring",
    "approach.all": "Alle",
    "approach.kunnskap.about": "Begreper, forskning og forklaringer.",
    "approach.praksis.about": "Øvelser og situasjoner fra arbeidshverdagen.",
    "approach.erfaring.about": "Refleksjon over egne erfaringer.",
    "approach.all.about": "Alle stegene i hver modul.",
    "approach.title": "Velg tilnærming",
    "approach.intro": "Modulene viser bare stegene for det du velger. Du kan endre det når som helst.",
    "approach.now": "valgt nå",
    "approach.changed": "Tilnærming: {name}",
    # module
    "module.about": "Om modulen",
    "module.goals": "Læringsmål",
    "module.skill": "Ferdighet",
    "module.outline": "Innhold",
    "module.position": "Steg {n} av {total}",
    "module.position_intro": "Oversikt · {steps}",
    "module.no_steps": "Ingen steg i denne modulen passer valgt tilnærming. Trykk a for å endre.",
    "module.start_hint": "Trykk n eller → for første steg.",
    "module.steps_title": "Steg",
    "module.mark_seen": "✓",
    "module.mark_new": "·",
    "module.mark_current": "▶",
    "module.minutes": "ca. {n} min",
    "module.references": "Referanser",
    "module.private": "Ingenting du krysser av eller skriver her, blir lagret.",
    # reflection
    "reflection.hint": "Skriv rett i feltet. Esc: ut av feltet, så virker n og p igjen.",
    "reflection.empty_ok": "Tomt svar er helt greit.",
    "reflection.saved": "Lagret",
    "reflection.saving": "Lagres …",
    "reflection.not_saved": "Ikke lagret (gjestemodus)",
    "reflection.not_saved_off": "Ikke lagret (lagring er slått av i denne økten)",
    "reflection.not_saved_private": "Ikke lagret (det du skriver i sjekklisten, lagres aldri)",
    "reflection.controls": "Svaret har {n} usynlige kontrolltegn; de er tatt vare på, men vises ikke.",
    "reflection.label": "Ditt svar",
    # timer
    "timer.remaining": "Igjen: {t}",
    "timer.elapsed": "Brukt: {t}",
    "timer.ready": "Klar",
    "timer.running": "Går",
    "timer.paused": "Pause",
    "timer.done": "Tiden er ute",
    "timer.keys": "Mellomrom: start/pause · r: nullstill · +: ett minutt til · b: lyd",
    "timer.bell_on": "Lyd ved slutt: på",
    "timer.bell_off": "Lyd ved slutt: av",
    "timer.never_moves": "Tidtakeren går aldri videre av seg selv.",
    # quiz
    "quiz.hint": "Velg med 1–{n}, eller piltaster og Enter. Du kan prøve så mange ganger du vil. "
    "i viser forklaringen.",
    "quiz.right": "✓ Riktig: «{option}»",
    "quiz.wrong": "✗ Ikke riktig: «{option}». Prøv gjerne igjen, eller trykk i for forklaringen.",
    "quiz.explanation": "Forklaring",
    # checklist
    "checklist.note": "Notat (lagres ikke)",
    # safety-plan checklist screen, export, Skjul
    "safety.private": "🔒 Det du krysser av og skriver i sjekklisten, lagres ikke – bare hvis du "
    "eksporterer (e). F12 skjuler skjermen.",
    "safety.private_reflection": "Refleksjonen er din egen og lagres sammen med resten av framgangen "
    "din. Skriv uten opplysninger om pasienter.",
    "safety.position": "Del {n} av {total}",
    "safety.counts": "{ticked} av {items} krysset av her",
    "safety.notes_one": "1 notat i skjemaet",
    "safety.notes_many": "{n} notater i skjemaet",
    "safety.ticked": "Gjort",
    "safety.open": "Åpen",
    "safety.already_empty": "Skjemaet er allerede tomt.",
    "safety.cleared": "Skjemaet er tømt. Refleksjonene dine er som før.",
    "clear.title": "Tømme skjemaet?",
    "clear.body": "Alle kryss og notater i sjekklisten blir fjernet, og det kan ikke angres. "
    "Refleksjonene dine berøres ikke.",
    "clear.yes": "Tøm skjemaet",
    "clear.no": "Avbryt",
    "discard.title": "Forkaste sjekklisten?",
    "discard.body": "Du har krysset av eller skrevet notater. De er ikke lagret noe sted og "
    "forsvinner når du går ut. Vil du ta vare på dem, velg «Bli» og eksporter med e.",
    "discard.yes": "Forkast",
    "discard.no": "Bli",
    "confirm.keys": "y: {yes}  ·  n eller Esc: {no}",
    "export.title": "Eksporter sjekklisten",
    "export.intro": "Filen får med det du har krysset av og skrevet, altså helseopplysninger. "
    "Velg et sted bare du har tilgang til. Filen blir lesbar bare for deg.",
    "export.label": "Fil",
    "export.keys": "Enter: skriv filen  ·  Esc: avbryt",
    "export.empty_path": "Skriv inn et filnavn eller en mappe.",
    "export.exists": "{path} finnes allerede. Trykk Enter igjen for å erstatte den, eller endre "
    "navnet.",
    "export.done": "✓ Skrevet til {path}",
    "export.private": "Bare du kan lese filen. Den inneholder helseopplysninger: oppbevar den "
    "der bare du har tilgang, og slett den når du ikke trenger den lenger.",
    "export.folder_warning": "⚠ Mappa {folder} kan åpnes av andre brukere på denne maskinen. "
    "Filen selv er privat, men vurder å flytte den til en privat mappe.",
    "export.close": "Enter eller Esc lukker.",
    "export.failed": "✗ Filen ble ikke skrevet: {reason}. Ingenting i skjemaet er tapt. Velg et "
    "annet sted og prøv igjen.",
    "export.err_missing": "mappa finnes ikke",
    "export.err_denied": "du har ikke lov til å skrive der",
    "export.err_full": "det er ikke plass på disken",
    "export.err_readonly": "stedet kan bare leses, ikke skrives til",
    "export.err_isdir": "det finnes en mappe med det navnet",
    "export.err_other": "{detail}",
    "files.special": "{path} er ikke en vanlig fil (men en enhet, en FIFO eller en socket); tbp "
    "skriver ikke over den",
    "files.link": "{path} er en symbolsk lenke; tbp følger ikke lenker, skriv stien til selve filen",
    "files.no-folder": "mappa {path} finnes ikke; tbp lager ingen mapper for en eksport",
    "files.not-folder": "{path} er ikke en mappe",
    "files.exists": "{path} finnes allerede",
    "files.too-large": "{path} er større enn {limit} og blir ikke lest",
    "files.bad-user": "{path}: det finnes ingen bruker med navnet etter ~",
    "files.name-too-long": "et navn i stien er for langt (over 255 byte)",
    "cli.export.refused": "Ingenting er eksportert: {reason}.",
    "cli.export.exists": "{target} finnes allerede. Bruk --force for å erstatte den. Ingenting er "
    "eksportert.",
    "cli.export.replace": "{target} finnes allerede. Skriv ja for å erstatte den: ",
    "cli.no_home": "fant ingen hjemmemappe (ukjent bruker etter ~, eller HOME mangler). Oppgi "
    "mappene selv med --data-dir (eller TBP_DATA_DIR) og --course.",
    "hidden.title": "Notater",
    "hidden.note": "Ingen notater ennå.",
    "hide.explain": "F12 legger en nøytral side («Notater») over alt med én gang, fra hvor som "
    "helst, også midt i et notat. Siden sier ikke at noe er skjult. Ingenting slettes: F12 eller "
    "Esc viser deg det som var åpent igjen.",
    # listings
    "glossary.title": "Begrepsliste",
    "glossary.empty": "Kurset har ingen begrepsliste.",
    "helpnumbers.title": "Hjelpenumre",
    "helpnumbers.empty": "Kurset har ingen liste over hjelpenumre.",
    "references.title": "Referanseliste",
    # help
    "help.title": "Taster på denne skjermen",
    "help.close": "Esc, q eller F1 lukker hjelpen.",
    "help.key": "Tast",
    "help.does": "Gjør",
    # quit
    "quit.title": "Avslutte?",
    "quit.unsaved": "Noe av framgangen din kunne ikke lagres. Avslutter du nå, går det tapt.",
    "quit.anyway": "Avslutt likevel",
    "quit.stay": "Bli",
    # too small
    "small.title": "Vinduet er for lite",
    "small.body": "Gjør terminalvinduet minst {w} × {h} tegn.\nNå er det {cw} × {ch}.",
    # palette and themes
    "palette.placeholder": "Søk etter modul eller kommando …",
    "palette.open_module": "Åpne modulen",
    "cmd.theme_calm": "Tema: rolig (mørkt)",
    "cmd.theme_light": "Tema: lyst",
    "cmd.theme_ansi": "Tema: terminalens farger",
    "cmd.theme_help": "Endrer fargene; valget huskes.",
    "cmd.help": "Hjelp: taster på denne skjermen",
    "cmd.approach": "Velg tilnærming",
    "cmd.glossary": "Vis begrepslisten",
    "cmd.helpnumbers": "Vis hjelpenumrene",
    "cmd.home": "Til forsiden",
    "cmd.quit": "Avslutt",
    "cmd.none": "Ingen treff",
    # plain mode (tbp --plain): a line-by-line dialogue
    "plain.intro": "Enkel tekstmodus: alt skrives ut én gang, og du svarer med en linje. "
    "Skriv q når som helst for å avslutte; det du har gjort, er lagret.",
    "plain.intro_unsaved": "Enkel tekstmodus: alt skrives ut én gang, og du svarer med en linje. "
    "Skriv q når som helst for å avslutte.",
    "plain.quit_unsaved": "Det siste du gjorde, er ikke lagret ennå. Skriv j for å avslutte likevel, "
    "eller trykk Enter for å prøve å lagre igjen:",
    "plain.bye_not_all": "Ha det bra. Det siste du gjorde, ble ikke lagret.",
    "plain.fallback": "Fullskjermvisning er ikke mulig her ({reason}); bruker enkel tekstmodus.",
    "plain.no_room": "Rommet «{name}» kan ikke følges i enkel tekstmodus: du blir ikke med i rommet, og "
                     "fasilitatoren ser deg ikke. Kurset åpnes likevel, og du kan selv gå til steget "
                     "fasilitatoren sier. For å følge rommet, bruk et vanlig terminalvindu (ssh -t).",
    "plain.reason.not-a-terminal": "ikke en terminal",
    "plain.reason.dumb-terminal": "TERM={term}",
    "plain.home": "Moduler (tilnærming: {approach})",
    "plain.resume": "f eller Enter. Fortsett der du var: {module}",
    "plain.start": "Enter. Begynn med {module}",
    "plain.next": "f eller Enter. Neste: {module}",
    "plain.course_done": "f eller Enter. Du har vært gjennom kurset: dine data og eksport",
    "plain.home_keys": "a = tilnærming · d = dine data · h = hjelpenumre · p = pause · q = avslutt",
    "plain.choose": "Velg:",
    "plain.unknown": "«{answer}» kjenner jeg ikke igjen her.",
    "plain.approach_set": "Tilnærming: {approach}.",
    "plain.pause": "Pause. Pust rolig inn gjennom nesen, og ut litt lenger enn du pustet inn. "
    "Kjenn føttene mot gulvet. Ta den tiden du trenger.",
    "plain.pause_back": "Trykk Enter når du vil tilbake der du var.",
    "plain.end_skipped": "{n} hoppet over – velg modulen på forsiden for å lese dem når du vil",
    "plain.end_ground": "Før du går videre: kjenn etter hvordan du har det nå. Legg merke til føttene mot "
    "gulvet og pusten din, og ta noen rolige åndedrag. Det er lov å stoppe her. p gir deg en pause, h viser "
    "hjelpenumre hvis noe har rørt ved deg.",
    "plain.course_export": "Det du har skrevet, er ditt: d og så e på forsiden eksporterer refleksjonene "
    "dine til en fil du velger.",
    "plain.goals": "Læringsmål:",
    "plain.outline": "Innhold:",
    "plain.skill": "Ferdighet: {skill}",
    "plain.step": "Steg {n} av {total}: {title}",
    "plain.note": "Innholdsnotis: {note}",
    "plain.note_keys": "1, f eller Enter = fortsett · 2 eller s = hopp over · 3 eller p = ta en pause:",
    "plain.step_keys": "Enter = neste · b = tilbake · m = moduler · p = pause · h = hjelpenumre:",
    "plain.timer_offer": "Tidtaker: {minutes} min. Skriv t for å starte den og t igjen for å se "
    "tiden. Den går aldri videre av seg selv.",
    "plain.timer_started": "Tidtakeren går: {minutes} min.",
    "plain.timer_left": "Igjen: {time}.",
    "plain.timer_done": "Tiden er ute.",
    "plain.checklist_private": "(Sjekklisten lagrer ingenting. Skriv den ut med: tbp checklist --print)",
    "plain.reflection_old": "Svaret ditt fra før:",
    "plain.reflection_how": "Skriv svaret ditt. Flere linjer går fint; avslutt med en tom linje. "
    "Bare Enter beholder det som står.",
    "plain.reflection_saved": "Lagret.",
    "plain.not_saved": "Ikke lagret (se meldingen over).",
    "plain.quiz_ask": "Svar med et tall (Enter går videre):",
    "plain.quiz_right": "Riktig.",
    "plain.quiz_wrong": "Ikke riktig. Prøv gjerne igjen.",
    "plain.bye": "Ha det bra. Framgangen din er lagret.",
    "plain.bye_unsaved": "Ha det bra. Ingenting ble lagret denne gangen.",
    "plain.data_keys": "e = eksporter · s = slett alt · r = utsagn som venter · Enter = tilbake:",
    "plain.export_ask": "Fil (Enter = {path}):",
    "plain.export_replace": "{path} finnes allerede. Skriv ja for å erstatte den:",
    "plain.delete_ask": "Skriv ja for å slette alt, eller Enter for å avbryte:",
    "plain.yes": "ja",
    # == care: pause, help numbers everywhere, Dine data, first start, profile picker (#7)
    "b.pause": "Pause",
    "b.pause_back": "Tilbake der jeg var",
    "pause.title": "Pause",
    "b.pacer": "Pusteguide av/på",
    "b.your_data": "Dine data",
    "pause.intro": "Ta den tiden du trenger. Ingenting går videre mens du er her, og det du hadde "
    "åpent, venter på deg.",
    "pause.breathe_title": "Pust rolig",
    "pause.breathe_in": "Pust inn",
    "pause.breathe_out": "Pust ut",
    "pause.pacer_about": "Inn i 4 sekunder, ut i 6. Følg tellingen hvis det hjelper, eller pust "
    "slik det passer deg.",
    "pause.pacer_off": "Pusteguiden er slått av. p slår den på igjen.",
    "pause.senses_title": "5-4-3-2-1: legg merke til",
    "pause.senses": "5 ting du kan se\n4 ting du kan kjenne\n3 ting du kan høre\n2 ting du kan "
    "lukte\n1 ting du kan smake",
    "pause.timer_title": "Tidtaker (valgfri)",
    "b.delete_all": "Slett alt",
    "data.title": "Dine data",
    "data.profile": "Profil: {profile}",
    "data.guest": "Gjestemodus: ingenting lagres på disk. Det du gjør nå, finnes bare mens appen "
    "er åpen.",
    "data.not_saving": "Lagring er slått av for resten av denne økten.",
    "data.what_title": "Hva som lagres",
    "data.what": "Hvor du er i kurset, hvilke steg du har sett eller hoppet over, refleksjonene "
    "du skriver, svarene du har prøvd i quizene, omtrent hvor lang tid du har brukt per modul, "
    "og innstillingene dine (tilnærming, tema, lyd).",
    "data.sealed": "Profilen er beskyttet med passordfrase: refleksjonene er kryptert i filen og "
    "kan bare leses med passordfrasen. Steg-id-er, hvilke steg du har sett eller hoppet over, "
    "quizsvar, tid og innstillinger står ukryptert, fordi de trengs for å fortsette der du slapp.",
    "data.now_title": "Lagret nå",
    "data.now": "{seen} sett · {reflections} · {attempts} · {minutes} min",
    "data.now_skipped": "{n} hoppet over",
    "data.where_title": "Hvor",
    "data.data_dir": "Datamappe:",
    "data.progress_file": "Fil for denne profilen:",
    "data.file_exists": "Filen finnes.",
    "data.file_missing": "Filen finnes ikke ennå; den lages første gang noe lagres.",
    "data.guest_file": "I gjestemodus skrives ingenting hit.",
    "data.private": "Mappa og filen kan bare leses av deg (0700 og 0600).",
    "data.cache": "I {folder} ligger en ferdig lest kopi av kurset, så neste start går raskere. "
    "Den inneholder bare kurstekst, ikke noe du har skrevet.",
    "data.checklist_title": "Sikkerhetsplan – sjekkliste",
    "data.checklist": "Det du krysser av og skriver i sjekklisten, lagres aldri – ikke i filen over, "
    "ikke noe annet sted. Det havner bare på disk hvis du selv eksporterer det.",
    "data.report_title": "Rapportering av fullførte moduler",
    "data.report_guest": "Som gjest lagres og sendes ingenting.",
    "data.report_show": "r viser nøyaktig hva som venter på å bli sendt.",
    "data.report_none": "Ingen utsagn venter på å bli sendt.",
    "b.report": "Rapportering",
    "data.rights_title": "Du bestemmer",
    "data.rights": "e eksporterer refleksjonene og framgangen din til en fil du velger. s sletter "
    "alt som er lagret for denne profilen, etter at du har bekreftet.",
    "data.export_button": "Eksporter (e)",
    "data.delete_button": "Slett alt (s)",
    "data.export_title": "Eksporter dine data",
    "data.export_intro": "Refleksjonene og framgangen din som Markdown. Du kan endre filnavnet. "
    "Filen blir lesbar bare for deg.",
    "data.export_writing": "Skriver …",
    "data.export_file": "tbp-refleksjoner-{when}.md",
    "data.export_private": "Bare du kan lese filen.",
    "data.export_failed": "✗ Filen ble ikke skrevet: {reason}. Ingenting er endret. Velg et annet "
    "sted og prøv igjen.",
    "data.guest_nothing": "Gjestemodus: ingenting er lagret, så det er ingenting å slette.",
    "data.delete_title": "Slette alt?",
    "data.delete_body": "Alt som er lagret for profilen «{profile}», slettes: {folder}. Det kan "
    "ikke angres. Resten av denne økten lagres ingenting; neste gang du starter tbp, begynner "
    "profilen på nytt.",
    "data.delete_yes": "Slett alt",
    "data.delete_no": "Avbryt",
    "data.deleted": "Slettet: {folder}. Resten av denne økten lagres ingenting.",
    "data.delete_failed": "Kunne ikke slette alt i {folder}. Lagring er slått av for resten av "
    "økten.",
    "cmd.your_data": "Dine data: hva som lagres, eksport og sletting",
    "cmd.about": "Om kurset (velkomstsiden)",
    "home.your_data": "Dine data",
    "b.start": "Start",
    "welcome.title": "Velkommen til «{course}»",
    "welcome.what": "Et kurs i traumebevisst praksis. Du leser, reflekterer og øver i ditt eget "
    "tempo. Du kan ta pause, hoppe over, gå tilbake eller avslutte når du vil; ingenting går "
    "videre av seg selv.",
    "welcome.parts_title": "Hvor lang tid delene tar",
    "welcome.competency": "{n} kjernekompetansemoduler",
    "welcome.each": "{n} min hver",
    "welcome.stored": "Hvor du er, hva du har sett og refleksjonene dine lagres bare for deg, i "
    "{path}. Se Dine data (d) på forsiden.",
    "welcome.stored_nothing": "Ingenting lagres i denne økten. Se Dine data (d) på forsiden.",
    "welcome.keys": "F2: pause med pusteøvelse · F3: hjelpenumre · F12: skjul skjermen · F1: alle "
    "taster",
    "welcome.start": "Enter eller Esc: til kurset",
    "profiles.title": "Velg profil",
    "profiles.shared": "Flere bruker denne kontoen. Skriv navnet på profilen din; andres profiler "
    "vises ikke. En profil kan beskyttes med en egen passordfrase, og da kan ingen andre åpne "
    "den. En profil uten passordfrase kan alle på kontoen åpne hvis de kjenner navnet.",
    "profiles.name": "Profilnavn",
    "profiles.name_placeholder": "Skriv navnet ditt og trykk Enter",
    "profiles.keys": "Enter: videre · Esc: tilbake eller avslutt",
    "profiles.ask_plain": "Skriv profilnavnet ditt (q avslutter):",
    "profiles.created": "Ny profil: {name}.",
    "profiles.created_protected": "Ny profil: {name}, beskyttet med passordfrase.",
    "profiles.unknown": "Det finnes ingen profil som heter «{name}». Den lages nå hvis du går videre.",
    "profiles.ask_create_plain": "Det finnes ingen profil som heter «{name}». Lage den? (j/n)",
    "profiles.protect_intro": "Du kan beskytte profilen med en passordfrase på minst 8 tegn. Da "
    "lagres refleksjonene dine kryptert, og bare den som kan passordfrasen, kan åpne, eksportere "
    "eller slette profilen. La feltet stå tomt for en profil uten passordfrase.",
    "profiles.forget_warning": "Viktig: Glemmer du passordfrasen, kan ingen lese refleksjonene "
    "dine igjen – ikke du, ikke IT, ikke vi. Den kan ikke tilbakestilles.",
    "profiles.new_passphrase": "Passordfrase (valgfri)",
    "profiles.repeat": "Gjenta passordfrasen",
    "profiles.ask_new_passphrase": "Passordfrase (tom: ingen):",
    "profiles.ask_repeat": "Gjenta passordfrasen:",
    "profiles.passphrase": "Passordfrase for «{name}»",
    "profiles.ask_passphrase": "Passordfrasen for «{name}»:",
    "profiles.opening": "Åpner …",
    "profiles.wrong": "Feil passordfrase. Ingenting er åpnet.",
    "profiles.wait": "Feil passordfrase. Vent {seconds} s før du prøver igjen.",
    "profiles.turn_wait": "Det har vært flere feil forsøk på denne profilen. Venter {seconds} s …",
    "profiles.too_many": "For mange feil forsøk. Ingenting er åpnet.",
    "profiles.too_short": "Passordfrasen må ha minst {n} tegn.",
    "profiles.mismatch": "De to passordfrasene er ikke like. Prøv igjen.",
    "profiles.bad_name": "«{name}» kan ikke brukes: {reason}",
    "profiles.browser.title": "Personlig profil",
    "profiles.browser.shared": "Du er gjest nå. Med en personlig profil lagres refleksjonene dine "
    "kryptert på serveren, så du kan fortsette senere i en ny fane. Alle i nettleseren bruker samme "
    "konto på serveren, så profilen må ha en passordfrase. Skriv navnet på profilen din; andres "
    "profiler vises ikke. Åpner du en profil som finnes, blir det du har gjort som gjest i denne "
    "fanen ikke med: last det ned først under Dine data.",
    "profiles.browser.keys": "Enter: videre · Esc: tilbake (fortsett som gjest)",
    "profiles.browser.protect_intro": "Velg en passordfrase på minst 8 tegn. Refleksjonene dine "
    "lagres kryptert med den, og bare den som kan passordfrasen, kan åpne profilen. Det du har gjort "
    "som gjest i denne fanen, blir med inn i den nye profilen.",
    "profiles.browser.new_passphrase": "Passordfrase (minst 8 tegn)",
    "profiles.browser.unprotected": "«{name}» har ingen passordfrase og kan ikke åpnes i nettleseren. "
    "Velg et annet navn.",
    "profiles.browser.locked": "«{name}» ble nettopp laget i en annen fane med en annen passordfrase. "
    "Ingenting er åpnet. Velg et annet navn.",
    "profiles.browser.unsafe": "Datamappen på serveren er ikke trygg, så profilen ble ikke åpnet. Si "
    "fra til fasilitatoren.",
    "profiles.browser.bad_name": "«{name}» kan ikke brukes som profilnavn.",
    "profiles.browser.created": "Profilen «{name}» er laget. Det du skriver, lagres kryptert.",
    "profiles.browser.opened": "Profilen «{name}» er åpnet.",
    "home.personal": "Personlig profil med passordfrase",
    "b.personal": "Profil",
    # == reader: content notes and skipped steps (#7)
    "b.content_note_continue": "Fortsett til steget",
    "b.content_note_skip": "Hopp over steget",
    "b.content_note_pause": "Ta en pause",
    "reader.note_title": "Innholdsnotis",
    "reader.note_continue": "Fortsett – vis steget",
    "reader.note_skip": "Hopp over – gå til neste steg (du kan åpne dette senere)",
    "reader.note_pause": "Ta en pause",
    "reader.note_hint": "Velg med 1, 2 eller 3, eller med ↑/↓ og Enter. Du kan også gå videre med n, "
    "tilbake med p eller ut med Esc.",
    "reader.note_skipped_before": "Du hoppet over dette steget tidligere. Du kan velge på nytt.",
    "reader.note_line": "Innholdsnotis: {note}",
    "reader.skipped": "hoppet over",
    "reader.skipped_moved": "«{title}» er hoppet over. Du finner steget i steglisten (t), merket ↷.",
    "reader.legend": "✓ sett · ↷ hoppet over",
    # == room: facilitator mode and room sync (#8)
    "b.fac_panel": "Fasilitatorpanel",
    "b.room_goto": "Send rommet til dette steget",
    "b.room_timer": "Start tidtakeren i rommet",
    "b.room_follow": "Følg rommet / bla fritt",
    "fac.panel_title": "Fasilitator",
    "fac.panel_keys": "v skjuler eller viser panelet",
    "fac.no_manus": "(ingen manus)",
    "fac.plan_title": "Plan for økta",
    "fac.plan_step": "Steg",
    "fac.plan_planned": "Plan",
    "fac.plan_spent": "Brukt",
    "fac.plan_total": "Totalt",
    "fac.manus_title": "Manus",
    "fac.room_title": "Rom «{name}»",
    "fac.room_keys": "g sender alle hit · s starter tidtakeren",
    "fac.timer_exercise": "Øvelsen: tid igjen av {total}  {state}",
    "fac.timer_module": "Tid i modulen i denne økta",
    "fac.timer_step_unplanned": "Tid på dette steget",
    "fac.timer_step": "Tid på dette steget · planlagt {n} min",
    "fac.timer_step_over": "Tid på dette steget · over planlagte {n} min",
    "fac.line_panel": "v: manus, plan og tidtaker",
    "fac.last_sent_goto": "Sist sendt {time}: gå til {where}",
    "fac.last_sent_timer": "Sist sendt {time}: start tidtakeren på {where}",
    "fac.choose_step": "Velg et steg først; oversikten kan ikke sendes.",
    "room.at_home": "på forsiden",
    "room.seats_count": "Deltakere: {n} · {following} følger",
    "room.seats_none": "Ingen deltakere ennå.",
    "room.seat_facilitator": "fasilitator",
    "room.seat_following": "følger",
    "room.seat_browsing": "blar fritt",
    "room.seat_quiet": "stille i {s} s",
    "room.seat_sessions": "({n} økter)",
    "room.join_title": "Bli med i rommet «{name}»?",
    "room.join_body": "Rommet ledes av {leader}.\n\n"
    "Fasilitatoren ser:\n"
    " • profilnavnet ditt («{profile}»)\n"
    " • hvilken modul og hvilket steg du er på\n"
    " • om du følger fasilitatoren eller blar fritt\n"
    " • når du sist var aktiv\n\n"
    "Fasilitatoren ser aldri refleksjonene dine, svarene dine eller notatene i sjekklisten. Bare det "
    "som står i lista, skrives i rommappa {folder}, og de andre i rommet kan også lese det.\n\n"
    "Fasilitatoren kan sende deg til et steg. Med F4 blar du fritt, og med F4 igjen følger du "
    "fasilitatoren. Når du avslutter tbp, går du ut av rommet.",
    "room.join_yes": "Bli med",
    "room.web_name_body": "Rommet ledes av {leader}.\n\nSkriv navnet fasilitatoren skal se deg som (høyst "
    "32 tegn). Fasilitatoren ser navnet, kontoen til nettleserserveren og hvilken modul og hvilket "
    "steg du er på; aldri det du skriver i kurset.",
    "room.web_name_field": "Navnet ditt i rommet",
    "room.web_name_keys": "Enter: bli med · Esc: ikke nå (F4 spør igjen)",
    "room.web_name_bad": "Skriv et navn med minst én bokstav eller ett tall, uten / og ikke med "
    "punktum først.",
    "serve.room": "Fanene blir med i rommet «{name}»: hver fane oppgir et navn for fasilitatorens tabell.",
    "serve.room_leader": "Kontoen {user} kan lede rom i {root}, og hver fane kjører som denne kontoen: "
                         "en deltaker i nettleseren ville fått fasilitatorens rettigheter i rommet. Kjør "
                         "tbp serve under en egen konto som bare er deltaker (i rommets gruppe; se "
                         "docs/serve.md).",
    "room.join_no": "Ikke nå",
    "room.joined": "Du er med i rommet «{name}». F4 veksler mellom å følge fasilitatoren og å bla fritt.",
    "room.back": "Kontakten med rommet «{name}» er tilbake.",
    "room.err_title": "Rommet",
    "room.err.missing": "Rommet «{name}» finnes ikke ennå. Fasilitatoren åpner det med «tbp room open "
    "{name}». Kurset virker som vanlig imens.",
    "room.err.vanished": "Rommet «{name}» finnes ikke lenger. Kurset virker som vanlig.",
    "room.err.no-permission": "Du har ikke tilgang til rommet «{name}». Spør fasilitatoren om gruppa "
    "for rommet. Kurset virker som vanlig.",
    "room.err.not-member": "Du er ikke med i gruppa for rommet «{name}». Spør fasilitatoren. Kurset "
    "virker som vanlig.",
    "room.err.not-owner": "Rommet «{name}» ble åpnet av en annen bruker; bare den som åpnet det, kan "
    "være fasilitator der.",
    "room.leader_unknown": "en fasilitator tbp ikke kan se ennå (rommet er ikke åpnet)",
    "room.err.owner-changed": "Rommet «{name}» er åpnet på nytt av {leader}, ikke av den du ble med "
    "hos. Du følger det ikke. F4: se hvem som leder det, og bli med om du vil.",
    "room.err.no-root": "Det er ingen rommappe på denne maskinen ennå. Kurset virker som vanlig.",
    "room.err.not-facilitator": "Bare fasilitatorer kan åpne rom her. Kurset virker som vanlig.",
    "room.err.unsafe": "Rommet «{name}» har feil eier eller tilganger og blir ikke brukt. Fasilitatoren "
    "kan lukke det og åpne det på nytt.",
    "room.no_room": "Ingen rom er i bruk. Start med «tbp --facilitator --room NAVN» for å sende til et "
    "rom.",
    "room.sent_goto": "Sendt til rommet: gå til {where}.",
    "room.sent_timer": "Sendt til rommet: start tidtakeren på {where}.",
    "room.went_to": "Fasilitatoren gikk til {where}. Trykk F4 for å følge.",
    "room.unknown_step": "Fasilitatoren er på et steg som ikke finnes i kurset ditt.",
    "room.following_now": "Du følger fasilitatoren igjen.",
    "room.browsing_now": "Du blar fritt. F4 følger fasilitatoren igjen.",
    "room.status_room": "Rom {name}",
    "room.status_following": "følger fasilitatoren",
    "room.status_browsing": "blar fritt",
    "room.status_f4_browse": "F4: bla fritt",
    "room.status_f4_follow": "F4: følg",
    "room.status_facilitator_at": "fasilitatoren er på {where}",
    "room.status_joining": "kobler til …",
    "room.status_not_in": "ikke med",
    "room.status_f4_join": "F4: bli med",
    "room.status_no_contact": "ingen kontakt med rommet",
    # == cli: command-line output
    # Sentences without the "tbp:" / "tbp room:" prefix (the code adds it). Keys ending in .one and
    # .other are counts. A text that is only "{message}" or "{reason}" keeps the domain's own bokmål
    # sentence, which names the exact cause; the English text words the same case from its code.
    "cli.n.problem.one": "{n} problem",
    "cli.n.problem.other": "{n} problemer",
    "cli.n.file.one": "{n} fil",
    "cli.n.file.other": "{n} filer",
    "cli.n.module.one": "{n} modul",
    "cli.n.module.other": "{n} moduler",
    "cli.n.step.one": "{n} steg",
    "cli.n.step.other": "{n} steg",
    "cli.n.reflection.one": "{n} refleksjon",
    "cli.n.reflection.other": "{n} refleksjoner",
    "cli.n.quiz_answer.one": "{n} quizsvar",
    "cli.n.quiz_answer.other": "{n} quizsvar",
    "cli.n.reference.one": "{n} referanse",
    "cli.n.reference.other": "{n} referanser",
    "cli.n.term.one": "{n} begrep",
    "cli.n.term.other": "{n} begreper",
    "cli.n.participant.one": "{n} deltaker",
    "cli.n.participant.other": "{n} deltakere",
    "cli.n.account.one": "{n} deltakerkonto",
    "cli.n.account.other": "{n} deltakerkontoer",
    "cli.no_such_path": "{path}: finnes ikke (verken fil eller mappe)",
    "cli.validate.valid": "{path}: gyldig — {modules}, {steps}, {references}, {terms}",
    "cli.validate.invalid": "{path}: {problems} i {files}",
    "cli.course_missing": "kursmappa {dir} finnes ikke",
    "cli.course_problems": "kurset i {dir} har {problems}. Kjør «tbp validate {dir}» når du har "
    "rettet dem.",
    "cli.checklist.use_print": "bruk --print for å få en tom sjekkliste på papir; i appen åpner du "
    "«Sikkerhetsplan» fra startsiden",
    "cli.checklist.none": "kurset i {dir} har ingen sjekklistemodul",
    # `tbp --help` and argparse's own words (tbp_tui/argtext.py); argparse fills in %(…)s
    "argparse.usage": "bruk: ",
    "argparse.positionals": "argumenter",
    "argparse.options": "valg",
    "argparse.help": "vis denne hjelpen og avslutt",
    "argparse.error": "%(prog)s: feil: %(message)s\n",
    "argparse.argument": "%(argument_name)s: %(message)s",
    "argparse.unrecognized": "ukjente argumenter: %s",
    "argparse.ambiguous": "%(option)s er tvetydig, det kan bety %(matches)s",
    "argparse.invalid_choice": "ugyldig valg: %(value)r (velg blant %(choices)s)",
    "argparse.invalid_value": "ugyldig verdi: %(value)r (må være et tall)",
    "argparse.required": "disse argumentene mangler: %s",
    "argparse.one_required": "ett av argumentene %s må være med",
    "argparse.expected_one": "trenger en verdi",
    "argparse.expected_at_most_one": "tar høyst én verdi",
    "argparse.expected_at_least_one": "trenger minst én verdi",
    "argparse.expected_n.one": "trenger %s verdi",
    "argparse.expected_n.other": "trenger %s verdier",
    "argparse.not_allowed_with": "kan ikke brukes sammen med %s",
    "argparse.ignored_explicit": "tar ingen verdi: %r",
    "argparse.unexpected_option": "uventet valg: %s",
    "argparse.unknown_parser": "ukjent kommando %(parser_name)r (velg blant %(choices)s)",
    "argparse.cant_open": "kan ikke åpne «%(filename)s»: %(error)s",
    "argparse.dash_mode": "«-» kan ikke brukes med modus %r",
    "cli.help.description": "Livet skjer med oss alle – kurs i traumebevisst praksis i terminalen.",
    "cli.help.epilog": "Uten kommando starter kurset. I kurset viser F1 alle tastene, F2 gir en pause "
    "og F12 skjuler skjermen straks. «tbp where» viser hvor framgangen din lagres, og «tbp KOMMANDO "
    "--help» forklarer hver kommando.",
    "cli.help.version": "vis versjonsnummeret og avslutt",
    "cli.help.plain": "kurset som en tekstdialog, linje for linje (skjermlesere, TERM=dumb)",
    "cli.help.choose_profile": "velg eller lag en profil først (også TBP_CHOOSE_PROFILE=1)",
    "cli.help.course": "bruk en annen kursmappe",
    "cli.help.data_dir": "hvor framgangen lagres (også TBP_DATA_DIR)",
    "cli.help.profile": "profilen din når flere deler en brukerkonto",
    "cli.help.guest": "gjest: ingenting skrives til disk",
    "cli.help.lang": "språk: nb (bokmål) eller en (engelsk); uten dette valget avgjør TBP_LANG eller "
    "LANG, ellers nb",
    "cli.help.no_color": "uten farger (som NO_COLOR)",
    "cli.help.theme": "farger for denne kjøringen: standard (rolig, mørk), light (lys) eller ansi "
    "(terminalens egne); c på startsiden bytter og husker valget",
    "cli.help.facilitator": "fasilitatormodus: manus, øktplan og en stor tidtaker ved hvert steg",
    "cli.help.room": "bli med i et kursrom (med --facilitator: led det; «tbp room open» åpner et)",
    "cli.help.room_from_ssh": "bli med i rommet som er oppkalt etter verten i «ssh -t VERT NAVN», "
    "ellers det eneste åpne rommet (for sshds ForceCommand)",
    "cli.help.serve_room": "hver fane blir med i dette kursrommet under et navn den blir spurt om",
    "cli.help.room_root": "hvor rommene ligger (også TBP_ROOM_ROOT; standard: /var/lib/tbp-rooms)",
    "cli.help.validate": "kontroller kursmapper og vis hvert problem",
    "cli.help.validate_paths": "kursmapper eller course.toml-filer (standard: kurset som brukes)",
    "cli.help.checklist": "sjekklisten for sikkerhetsplanen",
    "cli.help.checklist_print": "skriv den tomme sjekklisten som Markdown til stdout, for papir",
    "cli.help.progress": "hva du har utforsket, modul for modul",
    "cli.help.export": "dine egne refleksjoner og din framgang",
    "cli.help.export_format": "md (Markdown) eller json (standard: %(default)s)",
    "cli.help.export_output": "skriv til FIL (lages med mode 0600; «-» er stdout) i stedet for "
    "stdout; aldri over en lenke eller en enhet, aldri inn i en mappe som mangler",
    "cli.help.export_force": "erstatt FIL hvis den finnes (ellers spør tbp i en terminal og nekter "
    "ellers)",
    "cli.help.where": "alle stier tbp bruker",
    "cli.help.forget": "slett dataene til en profil etter bekreftelse",
    "cli.help.forget_yes": "ikke spør (for skript)",
    "cli.help.serve": "kurset i en nettleser, én gjesteapp per fane (trenger: pip install "
    "'tbp-tui[web]')",
    "cli.help.serve_host": "adressen det lyttes på (standard %(default)s; alt annet hører hjemme bak "
    "en omvendt proxy med TLS og innlogging)",
    "cli.help.serve_port": "porten (standard %(default)s)",
    "cli.help.serve_max_sessions": "høyst N faner samtidig (standard %(default)s)",
    "cli.help.serve_idle_minutes": "avslutt en fane etter M minutter uten tastetrykk (standard "
    "%(default)s)",
    "cli.help.serve_public_url": "adressen deltakerne bruker, f.eks. https://kurs.example.no bak en "
    "proxy",
    "cli.help.report": "fullføringsrapportering (xAPI): status, flush, test, csv",
    "cli.help.report_action": "status: på eller av, til hvem, hva som venter; flush: send nå; test: "
    "prøv å nå LRS-en; csv: én rad per fullført modul",
    "cli.help.report_show": "med status: skriv ut utsagnene som venter",
    "cli.help.report_spool": "med flush: send spoolen til den delte maskinen (kjøres som "
    "tjenestekontoen)",
    "cli.help.report_from_lrs": "med csv: les fra LRS-en, ikke fra denne profilen",
    "cli.help.room_cmd": "kursrom: open, close, status, accounts",
    "cli.help.room_open": "åpne et rom for gruppa di (du leder det)",
    "cli.help.room_close": "lukk et rom du åpnet, og fjern mappa til rommet",
    "cli.help.room_status": "setetabellen til rommet: profil, modul, steg, sist sett",
    "cli.help.room_name": "romnavn: a-z, 0-9 og -, høyst 32 tegn",
    "cli.help.room_group": "gruppa til deltakerne (standard: din)",
    "cli.help.room_accounts": "skriv ut (men kjør aldri) useradd-linjer for ANTALL kontoer",
    "cli.help.accounts_count": "hvor mange deltakerkontoer (1-200)",
    "cli.help.accounts_prefix": "brukernavn: %(default)s01, %(default)s02, …",
    "cli.help.accounts_group": "gruppa deres (standard: %(default)s)",
    "cli.help.accounts_shell": "innloggingsskall (standard: %(default)s)",
    "cli.help.accounts_facilitator": "kontoen til fasilitatoren (standard: %(default)s)",
    "cli.meta.command": "KOMMANDO",
    "cli.meta.action": "HANDLING",
    "cli.meta.dir": "MAPPE",
    "cli.meta.name": "NAVN",
    "cli.meta.file": "FIL",
    "cli.meta.path": "STI",
    "cli.meta.group": "GRUPPE",
    "cli.meta.count": "ANTALL",
    "cli.meta.prefix": "PREFIKS",
    "cli.meta.shell": "SKALL",
    "cli.meta.user": "BRUKER",
    "cli.meta.host": "ADRESSE",
    "cli.bad_room": "--room {name}: et romnavn har 1-32 tegn a-z, 0-9 og «-» (ikke først), for "
    "eksempel kurs-mandag",
    "cli.unsafe_data_dir": "{reason}",
    "cli.bad_profile": "{reason}",
    "cli.locked": "Profilen «{profile}» er beskyttet med passordfrase, og den ble ikke oppgitt. "
    "Ingenting er vist, eksportert eller slettet.",
    "cli.locked_no_terminal": "Profilen «{profile}» er beskyttet med passordfrase. Kjør kommandoen "
    "i en terminal for å skrive den inn. Ingenting er vist, eksportert eller slettet.",
    "cli.progress.notice": "{notice}",
    "cli.progress.title": "{course} – profil {profile}",
    "cli.progress.col_module": "Modul",
    "cli.progress.col_steps": "Steg utforsket",
    "cli.progress.col_reflections": "Refleksjoner",
    "cli.progress.col_time": "Tid",
    "cli.progress.gone": "Lagret framgang for moduler som ikke er i kurset lenger (tas vare på): {ids}",
    "cli.export.bad_format": "ukjent format «{fmt}»; bruk md eller json.",
    "cli.export.failed": "Kunne ikke skrive {target}: {reason}. Ingenting er eksportert.",
    "cli.export.done": "Eksportert til {target} (bare du kan lese filen).",
    "cli.where.title": "Stier tbp bruker",
    "cli.where.col_what": "Hva",
    "cli.where.col_path": "Sti",
    "cli.where.col_exists": "Finnes",
    "cli.where.yes": "ja",
    "cli.where.not_yet": "nei ennå",
    "cli.where.data_dir": "Datamappe",
    "cli.where.profiles_dir": "Profilmappe (alle)",
    "cli.where.profile_dir": "Profilen «{profile}»",
    "cli.where.progress_file": "Framgangsfil",
    "cli.where.lock_file": "Låsefil",
    "cli.where.unlock_file": "Feil forsøk på passordfrasen (bare en teller)",
    "cli.where.cache_dir": "Kurs ferdig lest, for raskere start (bare kurstekst)",
    "cli.where.set_aside": "Skadet fil som er lagt til side: {path}",
    "cli.where.checklist": "Sikkerhetsplanen skriver ingenting til disk; den lagres bare hvis du selv "
    "eksporterer den til en fil du velger.",
    "cli.where.guest": "Med --guest skrives ingenting i det hele tatt.",
    "cli.forget.no_data": "Det finnes ingen lagrede data for profilen «{profile}».",
    "cli.forget.no_terminal": "kan ikke spørre om bekreftelse uten terminal. Bruk --yes for å slette "
    "uten spørsmål. Ingenting er slettet.",
    "cli.forget.ask": "Skriv ja for å slette alle data for profilen «{profile}» i {folder}: ",
    "cli.forget.kept": "Ingenting er slettet.",
    "cli.forget.failed": "Kunne ikke slette {folder}: {reason}.",
    "cli.forget.done": "Slettet alle data for profilen «{profile}» ({folder}).",
    "cli.room.opened": "Rommet «{name}» er åpnet.",
    "cli.room.folder": "mappe",
    "cli.room.leader": "ledes av",
    "cli.room.leftover": "Noe en deltaker la i rommet, kunne ikke slettes; det ligger i {path}, og "
    "root kan fjerne det. Romnavnet er ledig.",
    "cli.room.sessions": "{who}, {n} økter",
    "cli.room.bad_facilitator": "--facilitator «{name}» kan ikke bli et brukernavn: bruk små bokstaver "
    "a–z, sifre, _ og -, høyst 32 tegn, og begynn med en bokstav.",
    "cli.room.bad_root": "--room-root «{root}» må være en full sti uten mellomrom, for eksempel "
    "/var/lib/tbp-rooms.",
    "cli.room.group": "gruppe",
    "cli.room.group_value": "{group} (bare medlemmer kan bli med)",
    "cli.room.join_how": "deltakerne blir med slik",
    "cli.room.lead_how": "du leder det slik",
    "cli.room.shows": "Rommet viser profilnavn, modul, steg og sist sett – aldri refleksjoner eller "
    "notater.",
    "cli.room.close_after": "Lukk det etterpå med «tbp room close {name}».",
    "cli.room.closed": "Rommet «{name}» er lukket og mappa {path} er fjernet.",
    "cli.room.ago": "{n} s siden",
    "cli.room.col_profile": "profil",
    "cli.room.col_module": "modul",
    "cli.room.col_step": "steg",
    "cli.room.col_following": "følger",
    "cli.room.col_seen": "sist sett",
    "cli.room.facilitator": "{profile} (fasilitator)",
    "cli.room.following_yes": "ja",
    "cli.room.following_no": "nei, blar selv",
    "cli.room.status_head": "Rom «{name}» – {path} – gruppe {group}, åpnet av {owner}",
    "cli.room.status_foot": "{participants} til stede (plasser som ikke er oppdatert på {seconds} s, "
    "er tatt ut).",
    "cli.room.bad_count": "COUNT må være et helt tall fra 1 til {max}, ikke «{count}».",
    "cli.room.bad_prefix": "--prefix «{prefix}» kan ikke bli et brukernavn: bruk små bokstaver a–z, "
    "sifre, _ og -, høyst {max} tegn, og begynn med en bokstav.",
    "cli.room.bad_group": "--group «{group}» kan ikke bli et gruppenavn: bruk små bokstaver a–z, sifre, "
    "_ og -, høyst 32 tegn, og begynn med en bokstav.",
    "cli.room.bad_shell": "--shell «{shell}» må være en full sti, for eksempel /bin/sh.",
    "cli.room.accounts.1": "{accounts} i gruppa {group}. tbp kjører ingenting selv: les linjene,",
    "cli.room.accounts.2": "og kjør dem som root på kursmaskinen (for eksempel: tbp room accounts … "
    "| sudo sh).",
    "cli.room.accounts.3": "Passord: gi hver konto sitt eget med «passwd BRUKER» (for eksempel "
    "«passwd {first}»),",
    "cli.room.accounts.4": "eller legg deltakerens offentlige SSH-nøkkel i "
    "~{first}/.ssh/authorized_keys (0600).",
    "cli.room.accounts.5": "Fasilitatoren {facilitator} logger inn med skall (blokka under fanger ikke "
    "fasilitatorer), åpner rom med «tbp room open NAVN --group {group}»",
    "cli.room.accounts.6": "og leder med «tbp --facilitator --room NAVN». Deltakerne får bare tbp, "
    "med rommet de skriver etter maskinnavnet (ssh -t deltaker01@maskin NAVN) eller det ene som er åpent:",
    "cli.room.accounts.7": "Se docs/workshop-room.md.",
    "cli.room.accounts.8": "Fasilitatorkontoen {facilitator}: i {leaders} (kan åpne rom) og i "
    "deltakergruppa (kan dele rommet med den).",
    "cli.room.accounts.9": "Rommappa: bare root og {leaders} kan opprette rom i den; deltakerne kan "
    "verken opprette, erstatte eller okkupere den.",
    "cli.room.accounts.10": "tbp på PATH for alle (installert som i docs/workshop-room.md, steg 1):",
    "cli.room.unknown_action": "ukjent handling «{action}»; bruk open, close, status eller accounts.",
    "cli.room.err.bad-name": "{message}",
    "cli.room.err.exists": "{message}",
    "cli.room.err.missing": "{message}",
    "cli.room.err.vanished": "{message}",
    "cli.room.err.unsafe": "{message}",
    "cli.room.err.no-permission": "{message}",
    "cli.room.err.not-owner": "{message}",
    "cli.room.err.unknown-group": "{message}",
    "cli.room.err.not-member": "{message}",
    "cli.room.err.bad-command": "{message}",
    "cli.room.err.bad-profile": "{message}",
    "cli.room.err.no-root": "{message}",
    "cli.room.err.not-facilitator": "{message}",
    "cli.room.err.owner-changed": "{message}",
    "cli.room.err.io": "{message}",
    "cli.room.err.other": "{message}",
    # == export: the learner's own reflections and progress as Markdown (app and tbp export)
    "export_md.intro": "Din egen framgang og dine refleksjoner.",
    "export_md.gone_heading": "Ikke i kurset lenger",
    "export_md.gone_note": "Moduler som ikke finnes i kurset lenger; det du skrev, er tatt vare på.",
    "export_md.nothing": "Ingen framgang er lagret ennå.",
    "export_md.explored_of": "Steg utforsket: {n} av {total}",
    "export_md.explored": "Steg utforsket: {n}",
    "export_md.module_id": "Modul-id: {id}",
    "export_md.time": "Tid brukt: {time}",
    "export_md.seen": "Steg du har sett: {steps}",
    "export_md.skipped": "Steg du hoppet over: {steps}",
    "export_md.step_gone": "{id} (ikke i kurset lenger)",
    "export_md.reflection": "Refleksjon: {step}",
    "export_md.written": "Skrevet {at}",
    "export_md.quiz": "Quiz: {step}",
    "export_md.attempt": "{at}: valgte {chosen} – {verdict}",
    "export_md.chose_nothing": "ingenting",
    "export_md.matched": "stemte med fasiten",
    "export_md.not_matched": "stemte ikke med fasiten",
    "export_md.duration_hm": "{h} t {m} min",
    "export_md.duration_m": "{m} min",
    # == progress store: notices and refusals (tbp_tui/progress/messages.py gives code and values)
    "progress.notice.guest": "Gjestemodus: ingenting lagres.",
    "progress.notice.not-saving": "Framgang blir ikke lagret: {folder} ({reason}).",
    "progress.notice.internal-error": "Framgang blir ikke lagret: intern feil ({detail}).",
    "progress.notice.unreadable": "Kunne ikke lese {file} ({reason}).",
    "progress.notice.damaged": "Framgangsfilen {file} er skadet ({reason}).",
    "progress.notice.damaged-kept": "Framgangsfilen {file} er skadet ({reason}); den blir ikke endret.",
    "progress.notice.set-aside-fresh": "Framgangsfilen var skadet ({reason}) og er flyttet til "
    "{target}; du starter med blanke ark.",
    "progress.notice.set-aside-kept": "Framgangsfilen var skadet ({reason}) og er flyttet til "
    "{target}; framgangen du har i denne økta, er lagret på nytt.",
    "progress.notice.busy": "Framgangen kunne ikke lagres akkurat nå fordi en annen økt med samme "
    "profil lagrer; det prøves igjen ved neste lagring.",
    "progress.notice.not-deleted": "Kunne ikke slette {folder} ({reason}).",
    "progress.notice.unsafe": "{reason}",
    "progress.notice.not-regular": "Framgangen blir ikke lagret: {file} er en lenke eller ikke en "
    "vanlig fil, og tbp følger ikke lenker og skriver ikke over den.",
    "progress.notice.save-failed": "Framgangen kunne ikke lagres nå: {folder} ({reason}). tbp "
    "prøver igjen ved neste lagring og sier fra når det virker.",
    "progress.notice.saving-again": "Framgangen lagres igjen.",
    "progress.notice.conflict": "Svaret ditt på steget «{step}» ble endret i en annen økt etter at "
    "du åpnet det her. Det nyeste svaret er beholdt; teksten din herfra er lagret ved "
    "siden av i framgangsfilen.",
    "progress.notice.locked": "Profilen «{profile}» er beskyttet med en annen passordfrase enn den "
    "du åpnet med (den er slettet og laget på nytt imens). Ingenting mer lagres eller slettes i "
    "denne økta.",
    "progress.os.read-only": "mappa er skrivebeskyttet",
    "progress.os.denied": "du har ikke tilgang til mappa",
    "progress.os.busy": "en annen økt med samme profil lagrer akkurat nå; prøv igjen om litt",
    "progress.os.disk-full": "disken er full",
    "progress.os.no-folder": "mappa finnes ikke og kan ikke opprettes",
    "progress.os.other": "{detail}",
    "progress.damaged.not-utf8": "filen er ikke gyldig UTF-8",
    "progress.damaged.empty": "filen er tom",
    "progress.damaged.not-toml": "filen er ikke gyldig TOML ({detail})",
    "progress.damaged.bad-version": "schema_version er ugyldig: {value}",
    "progress.damaged.newer-version": "filen er fra en nyere versjon av programmet (schema_version "
    "{version})",
    "progress.damaged.not-table": "{where} skal være en tabell",
    "progress.damaged.not-text": "{where} skal være tekst",
    "progress.damaged.not-bool": "{where} skal være true eller false",
    "progress.damaged.not-text-list": "{where} skal være en liste med tekst",
    "progress.damaged.not-number": "{where} skal være et tall",
    "progress.damaged.not-finite": "{where} skal være et endelig tall ≥ 0",
    "progress.damaged.bad-chosen": "{where} skal være en liste med heltall ≥ 1",
    "progress.damaged.not-list": "{where} skal være en liste",
    "progress.damaged.unknown": "{where} er ukjent: {value}",
    "progress.damaged.too-deep": "filen er nøstet for dypt til å leses",
    "progress.damaged.too-large": "filen er større enn 1 MB",
    "progress.damaged.bad-seal": "den krypterte delen {where} er skadet eller endret",
    "progress.profile_name.empty": "Profilnavnet kan ikke være tomt.",
    "progress.profile_name.too-long": "Profilnavnet kan være høyst {max} tegn langt.",
    "progress.profile_name.dots": "Profilnavnet kan ikke være «.» eller «..».",
    "progress.profile_name.slash": "Profilnavnet kan ikke inneholde skråstrek (/ eller \\).",
    "progress.profile_name.leading-dot": "Profilnavnet kan ikke begynne med punktum.",
    "progress.profile_name.control": "Profilnavnet kan ikke inneholde kontrolltegn eller linjeskift.",
    "progress.profile_name.spaces": "Profilnavnet kan ikke begynne eller slutte med mellomrom.",
    "progress.unsafe.not-owner": "Datamappa {folder} eies av en annen bruker. Velg en mappe som er din "
    "(--data-dir eller TBP_DATA_DIR).",
    "progress.unsafe.parent-not-owner": "Mappa {folder} (der datamappa ligger) eies av en annen "
    "bruker. Velg en datamappe under din egen hjemmemappe.",
    "progress.unsafe.others-write": "Mappa {folder} kan skrives til av alle brukere, så andre kunne "
    "lese eller endre framgangen din. Bruk en privat mappe (chmod 700) med --data-dir eller "
    "TBP_DATA_DIR.",
    "progress.unsafe.group-write": "Mappa {folder} kan skrives til av en gruppe, så andre kunne lese "
    "eller endre framgangen din. Bruk en privat mappe (chmod 700) med --data-dir eller "
    "TBP_DATA_DIR.",
    "progress.unsafe.link": "Profilmappa {folder} er en symbolsk lenke; tbp følger ikke lenker "
    "for private data. Flytt mappa dit lenken peker, eller fjern lenken.",
    # tbp serve (web)
    "serve.missing": "tbp serve trenger tilleggspakken «web». Installer den med: pip install 'tbp-tui[web]'",
    "serve.bad_port": "--port må være et tall fra 1 til 65535, ikke {port}.",
    "serve.bad_max": "--max-sessions må være fra 1 til 500, ikke {n}.",
    "serve.bad_idle": "--idle-minutes må være mer enn 0 og høyst 1440, ikke {n}.",
    "serve.bad_url": "--public-url må begynne med http:// eller https:// og ha ingen mellomrom eller "
                     "anførselstegn: {url}",
    "serve.cannot_listen": "Kan ikke lytte på {host}:{port}: {reason}.",
    "serve.loopback": "Bare denne maskinen når siden. Skal andre nå den, sett en omvendt proxy med TLS og "
                      "innlogging foran (se docs/serve.md).",
    "serve.exposed": "ADVARSEL: {host} er ikke bare denne maskinen. tbp serve har verken TLS eller "
                     "innlogging: alt går i klartekst, og alle som når porten kan starte økter. Bruk "
                     "--host 127.0.0.1 bak en omvendt proxy med TLS og innlogging (se docs/serve.md).",
    "serve.guest": "Hver fane starter som gjest: ingenting lagres på serveren. En deltaker kan lage en "
                   "personlig profil med passordfrase (p på forsiden); den lagres kryptert i datamappen "
                   "til denne kontoen. Ellers laster deltakerne ned refleksjonene under «Dine data».",
    "serve.limits": "Høyst {n} økter samtidig; en fane uten tastetrykk i {minutes} min avsluttes.",
    "serve.listening": "tbp serve: {url}  (Ctrl+C stopper serveren)",
    "serve.page.title": "Traumebevisst praksis",
    "serve.page.starting": "Starter kurset …",
    "serve.page.guest": "Du starter som gjest: ingenting du skriver lagres på serveren. Vil du ta vare "
                        "på refleksjonene dine, lag en personlig profil med passordfrase (p på "
                        "forsiden), eller last dem ned under «Dine data» før du lukker fanen.",
    "serve.page.ended": "Økta er avsluttet.",
    "serve.page.ended_hint": "Kurset ble avsluttet, fanen var lenge uten tastetrykk, eller forbindelsen "
                             "brøt. Som gjest ble ingenting lagret på serveren.",
    "serve.page.restart": "Start på nytt",
    "serve.page.noscript": "Kurset i nettleseren trenger JavaScript.",
    "serve.full.title": "Alle plassene er i bruk",
    "serve.full.body": "Serveren tar imot {n} økter samtidig, og alle er i bruk nå. Prøv igjen om litt, "
                       "eller spør kursholderen.",
    "data.web_download": "Nedlastingen er startet i nettleseren: {name}",
    # the first hour (issue 20): typing, endings, deliberate deletes, the cover page
    "data.hide_title": "Skjul skjermen (F12)",
    "confirm.word": "ja",
    "confirm.type_word": "Skriv «{word}» og trykk Enter: {yes}. Esc: {no}.",
    "confirm.wrong_word": "Det står ikke «{word}» i feltet, så ingenting er gjort. Skriv «{word}», eller "
    "trykk Esc: {no}.",
    "end.title": "Slutten av modulen",
    "end.done": "Du har vært gjennom «{module}».",
    "end.did_title": "Det du har gjort",
    "end.written": "{reflections} skrevet",
    "end.skipped": "{n} hoppet over – de ligger i steglista (t) når du vil",
    "end.ground": "Før du går videre: kjenn etter hvordan du har det nå. Legg merke til føttene mot gulvet "
    "og pusten din, og ta noen rolige åndedrag. Det er lov å stoppe her. F2 gir deg en pause, F3 viser "
    "hjelpenumre hvis noe har rørt ved deg.",
    "end.next_title": "Dette kommer nå",
    "end.next": "Neste modul: {module} ({minutes}). Du kan ta den nå eller en annen dag.",
    "end.course_done": "Du har vært gjennom hele kurset. Takk for tiden og oppmerksomheten du har gitt det.",
    "end.course_export": "Det du har skrevet, er ditt: e eksporterer refleksjonene dine til en fil du "
    "velger. Dine data (d på forsiden) viser hva som er lagret.",
    "end.keys": "Enter: åpne neste modul · Esc: til forsiden · p/←: siste steg",
    "end.keys_course": "e: eksporter · Esc: til forsiden · p/←: siste steg",
    "end.position": "Slutt",
    "end.again": "Modulen er slutt. Enter åpner neste modul, Esc går til forsiden.",
    "end.again_course": "Kurset er slutt. e eksporterer, Esc går til forsiden.",
    "b.open_next": "Neste modul",
    "home.next": "▶ Neste: {module}",
    "home.course_done": "✓ Du har vært gjennom kurset · Dine data og eksport",
    "cli.course_problem": "kurset i {dir} har {problems}. Kjør «tbp validate {dir}» når du har rettet det.",
    "small.quit": "q avslutter.",
    "b.start_course": "Start",
    "b.explain": "Vis forklaringen",
    "discard.body_exported": "Du har eksportert skjemaet til {path}, og filen blir liggende. Det som står "
    "på skjermen, forsvinner når du går ut.",
    "discard.body_changed": "Du eksporterte skjemaet til {path}, men har endret det siden. Endringene er "
    "ikke lagret noe sted og forsvinner når du går ut; velg «Bli» og eksporter igjen med e for å ta vare "
    "på dem.",
    "damaged.title": "Framgangen din kunne ikke leses",
    "damaged.set-aside-fresh": "Filen der appen husker framgangen din, var skadet, så appen kunne ikke lese "
    "den. Den er flyttet til side, ikke slettet: {target}. Her begynner du med blanke ark.",
    "damaged.set-aside-kept": "Filen der appen husker framgangen din, var skadet, så appen kunne ikke lese "
    "den. Den er flyttet til side, ikke slettet: {target}. Det du har gjort i denne økta, er lagret på "
    "nytt.",
    "damaged.damaged": "Filen der appen husker framgangen din, {file}, er skadet, så appen kunne ikke lese "
    "den.",
    "damaged.damaged-kept": "Filen der appen husker framgangen din, {file}, er skadet, så appen kunne ikke "
    "lese den. Den blir ikke endret.",
    "damaged.unreadable": "Appen kunne ikke lese filen der den husker framgangen din, {file} ({reason}).",
    "damaged.nothing_lost": "Det er ikke din feil, og ingenting er slettet: refleksjonene du skrev før, "
    "ligger fortsatt i den gamle filen. Dine data (d på forsiden) viser hvor filene er.",
    "b.damaged_close": "Videre",
    "data.export_wrong": "Ta med quizsvar som ikke var riktige",
    "exercise.hint": "Gjør du øvelsen alene? Skriv tankene dine her: Tab går inn i feltet, Esc ut igjen.",
    "exercise.label": "Dine notater",
    # end of the first-hour block
    # completion reporting (tbp report, Dine data)
    "report.off": "Rapportering er av: ingenting om deg sendes noe sted. Den slås på av en administrator i "
    "{system} eller av deg selv i {own}.",
    "report.off_short": "Rapportering er av (tbp report status sier hvor den slås på).",
    "report.on": "Rapportering er på ({source}): fullførte moduler og quizutfall sendes til {endpoint}.",
    "report.actor": "Du står der som «{name}» ({home}).",
    "report.spool_mode": "På denne maskinen legges de i {spool}, og en tjenestekonto sender dem videre.",
    "report.counts": "Venter: {waiting}. Sendt: {sent}.",
    "report.dropped": "{n} eldre utsagn ble forkastet fordi køen var full.",
    "report.last_error": "Siste forsøk mislyktes: {reason}. Neste forsøk: {next}.",
    "report.never": "Det du skriver (refleksjoner, quizsvarene du valgte, sikkerhetsplanen) sendes aldri.",
    "report.bad_config": "rapporteringsoppsettet er feil: {where}: {what}",
    "report.no_spool": "{source} har ingen spool; --spool er for en delt maskin med spool.",
    "report.spool_bad": "hoppet over {file} fra {account}: {problem}",
    "report.send_failed": "kunne ikke sende: {reason} (utsagnene venter og sendes senere)",
    "report.flushed": "Sendt: {n}.",
    "report.test": "{endpoint} svarte HTTP {status}.",
}

EN: Final[dict[str, str]] = {
    "app.title": "Trauma-informed practice",
    "common.minutes": "{n} min",
    "common.back": "Back",
    "common.close": "Close",
    "common.yes": "Yes",
    "common.no": "No",
    "notice.save_failed": "Your progress could not be saved just now. It will be tried again.",
    "b.help": "Help",
    "b.palette": "Open module …",
    "b.quit": "Quit",
    "b.back": "Back",
    "b.open": "Open",
    "b.resume": "Continue",
    "b.approach": "Approach",
    "b.glossary": "Glossary",
    "b.helpnumbers": "Help numbers",
    "b.next": "Next",
    "b.prev": "Previous",
    "b.steps": "Step list",
    "b.activate": "Write / choose",
    "b.timer_toggle": "Timer",
    "b.timer_reset": "Reset",
    "b.timer_plus": "+1 min",
    "b.timer_bell": "Sound on/off",
    "b.theme": "Colours (theme)",
    "b.answer": "Answer {n}",
    "b.answer_any": "Choose the answer with that number",
    "b.leave_text": "Leave the text field",
    "b.scroll_down": "Scroll down",
    "b.scroll_up": "Scroll up",
    "b.close": "Close",
    "b.choose": "Choose",
    "b.confirm_yes": "Yes",
    "b.confirm_no": "No",
    "b.hide": "Hide",
    "b.unhide": "Show again",
    "b.tick": "Tick",
    "b.next_section": "Next part",
    "b.prev_section": "Previous part",
    "b.section": "Go to part number",
    "b.field_next": "Next item",
    "b.field_prev": "Previous item",
    "b.export": "Export",
    "b.clear": "Clear",
    "b.leave_note": "Leave the note",
    "b.cancel": "Cancel",
    "b.write": "Write the file",
    "a.cursor_up": "Up the list",
    "a.cursor_down": "Down the list",
    "a.first": "First in list",
    "a.last": "Last in list",
    "a.page_up": "Page up",
    "a.page_down": "Page down",
    "a.select": "Choose",
    "a.focus_next": "Next field",
    "a.focus_previous": "Previous field",
    "a.scroll_up": "Scroll up",
    "a.scroll_down": "Scroll down",
    "a.scroll_home": "To the top",
    "a.scroll_end": "To the bottom",
    "a.copy": "Copy",
    "a.paste": "Paste",
    "a.undo": "Undo",
    "a.redo": "Redo",
    "a.select_all": "Select all",
    "home.resume": "▶ Continue: {module} – {step}",
    "home.resume_module": "▶ Continue: {module}",
    "home.start": "▶ Start the course: {module}",
    "home.modules": "Modules",
    "home.more": "More",
    "home.glossary": "Glossary",
    "home.helpnumbers": "Help numbers",
    "home.approach": "Approach: {name}  (a to change)",
    "home.explored": "{seen} of {steps} seen",
    "home.reflections_one": "1 reflection",
    "home.reflections_many": "{n} reflections",
    "home.skipped": "↷ {n} skipped",
    "home.private": "not stored",
    "approach.kunnskap": "Knowledge",
    "approach.praksis": "Practice",
    "approach.erfaring": "Experience",
    "approach.all": "All",
    "approach.kunnskap.about": "Concepts, research and explanations.",
    "approach.praksis.about": "Exercises and situations from everyday work.",
    "approach.erfaring.about": "Reflection on your own experience.",
    "approach.all.about": "Every step in every module.",
    "approach.title": "Choose an approach",
    "approach.intro": "Modules show only the steps for your choice. You can change it at any time.",
    "approach.now": "current",
    "approach.changed": "Approach: {name}",
    "module.about": "About this module",
    "module.goals": "Learning goals",
    "module.skill": "Skill",
    "module.outline": "Contents",
    "module.position": "Step {n} of {total}",
    "module.position_intro": "Overview · {steps}",
    "module.no_steps": "No steps in this module fit the chosen approach. Press a to change it.",
    "module.start_hint": "Press n or → for the first step.",
    "module.steps_title": "Steps",
    "module.mark_seen": "✓",
    "module.mark_new": "·",
    "module.mark_current": "▶",
    "module.minutes": "about {n} min",
    "module.references": "References",
    "module.private": "Nothing you tick or write here is stored.",
    "reflection.hint": "Type straight into the field. Esc: leave it, so n and p work again.",
    "reflection.empty_ok": "An empty answer is fine.",
    "reflection.saved": "Saved",
    "reflection.saving": "Saving …",
    "reflection.not_saved": "Not saved (guest mode)",
    "reflection.not_saved_off": "Not saved (saving is switched off for this session)",
    "reflection.not_saved_private": "Not saved (what you write in the checklist is never stored)",
    "reflection.controls": "The answer has {n} invisible control characters; they are kept but not shown.",
    "reflection.label": "Your answer",
    "timer.remaining": "Left: {t}",
    "timer.elapsed": "Used: {t}",
    "timer.ready": "Ready",
    "timer.running": "Running",
    "timer.paused": "Paused",
    "timer.done": "Time is up",
    "timer.keys": "Space: start/pause · r: reset · +: one more minute · b: sound",
    "timer.bell_on": "Sound at the end: on",
    "timer.bell_off": "Sound at the end: off",
    "timer.never_moves": "The timer never moves on by itself.",
    "quiz.hint": "Choose with 1–{n}, or arrow keys and Enter. Try as often as you like. "
    "i shows the explanation.",
    "quiz.right": "✓ Right: “{option}”",
    "quiz.wrong": "✗ Not right: “{option}”. Feel free to try again, or press i for the explanation.",
    "quiz.explanation": "Explanation",
    "checklist.note": "Note (not stored)",
    "safety.private": "🔒 What you tick and write in this checklist is not stored – only if you "
    "export it (e). F12 hides the screen.",
    "safety.private_reflection": "This reflection is your own and is stored like other progress. "
    "Write it without patient details.",
    "safety.position": "Part {n} of {total}",
    "safety.counts": "{ticked} of {items} ticked here",
    "safety.notes_one": "1 note in the form",
    "safety.notes_many": "{n} notes in the form",
    "safety.ticked": "Done",
    "safety.open": "Open",
    "safety.already_empty": "The form is already empty.",
    "safety.cleared": "The form is cleared. Your reflections are unchanged.",
    "clear.title": "Clear the form?",
    "clear.body": "Every tick and note in the checklist is removed, and this cannot be undone. "
    "Your reflections are not affected.",
    "clear.yes": "Clear the form",
    "clear.no": "Cancel",
    "discard.title": "Discard the checklist?",
    "discard.body": "You have ticked items or written notes. They are not stored anywhere and "
    "are gone when you leave. To keep them, choose “Stay” and export with e.",
    "discard.yes": "Discard",
    "discard.no": "Stay",
    "confirm.keys": "y: {yes}  ·  n or Esc: {no}",
    "export.title": "Export the checklist",
    "export.intro": "The file holds what you ticked and wrote, which is health information. "
    "Choose a place only you can reach. Only you will be able to read the file.",
    "export.label": "File",
    "export.keys": "Enter: write the file  ·  Esc: cancel",
    "export.empty_path": "Type a file name or a folder.",
    "export.exists": "{path} already exists. Press Enter again to replace it, or change the name.",
    "export.done": "✓ Written to {path}",
    "export.private": "Only you can read the file. It holds health information: keep it where only "
    "you have access, and delete it when you no longer need it.",
    "export.folder_warning": "⚠ The folder {folder} can be opened by other users on this "
    "machine. The file itself is private, but consider moving it to a private folder.",
    "export.close": "Enter or Esc closes.",
    "export.failed": "✗ The file was not written: {reason}. Nothing in the form is lost. Choose "
    "another place and try again.",
    "export.err_missing": "the folder does not exist",
    "export.err_denied": "you are not allowed to write there",
    "export.err_full": "the disk is full",
    "export.err_readonly": "that place can only be read, not written to",
    "export.err_isdir": "there is a folder with that name",
    "export.err_other": "{detail}",
    "files.special": "{path} is not a regular file (but a device, a FIFO or a socket); tbp does "
    "not write over it",
    "files.link": "{path} is a symbolic link; tbp does not follow links, give the path of the file "
    "itself",
    "files.no-folder": "the folder {path} does not exist; tbp creates no folders for an export",
    "files.not-folder": "{path} is not a folder",
    "files.exists": "{path} already exists",
    "files.too-large": "{path} is larger than {limit} and is not read",
    "files.bad-user": "{path}: there is no user with the name after ~",
    "files.name-too-long": "a name in the path is too long (over 255 bytes)",
    "cli.export.refused": "Nothing was exported: {reason}.",
    "cli.export.exists": "{target} already exists. Use --force to replace it. Nothing was exported.",
    "cli.export.replace": "{target} already exists. Type yes to replace it: ",
    "cli.no_home": "found no home folder (unknown user after ~, or no HOME). Give the folders "
    "yourself with --data-dir (or TBP_DATA_DIR) and --course.",
    "hidden.title": "Notes",
    "hidden.note": "No notes yet.",
    "hide.explain": "F12 puts a neutral page («Notes») over everything at once, from anywhere, "
    "even in the middle of a note. The page does not say that anything is hidden. Nothing is "
    "deleted: F12 or Esc shows you what was open again.",
    "glossary.title": "Glossary",
    "glossary.empty": "The course has no glossary.",
    "helpnumbers.title": "Help numbers",
    "helpnumbers.empty": "The course has no list of help numbers.",
    "references.title": "References",
    "help.title": "Keys on this screen",
    "help.close": "Esc, q or F1 closes help.",
    "help.key": "Key",
    "help.does": "Does",
    "quit.title": "Quit?",
    "quit.unsaved": "Some of your progress could not be saved. If you quit now, it is lost.",
    "quit.anyway": "Quit anyway",
    "quit.stay": "Stay",
    "small.title": "The window is too small",
    "small.body": "Make the terminal window at least {w} × {h} characters.\nIt is {cw} × {ch} now.",
    "palette.placeholder": "Search for a module or command …",
    "palette.open_module": "Open the module",
    "cmd.theme_calm": "Theme: calm (dark)",
    "cmd.theme_light": "Theme: light",
    "cmd.theme_ansi": "Theme: terminal colours",
    "cmd.theme_help": "Changes the colours; the choice is remembered.",
    "cmd.help": "Help: keys on this screen",
    "cmd.approach": "Choose an approach",
    "cmd.glossary": "Show the glossary",
    "cmd.helpnumbers": "Show the help numbers",
    "cmd.home": "To the home screen",
    "cmd.quit": "Quit",
    "cmd.none": "No matches",
    # plain mode (tbp --plain): a line-by-line dialogue
    "plain.intro": "Plain text mode: everything is printed once, and you answer with a line. "
    "Type q at any time to quit; what you did is saved.",
    "plain.intro_unsaved": "Plain text mode: everything is printed once, and you answer with a line. "
    "Type q at any time to quit.",
    "plain.quit_unsaved": "What you did last is not saved yet. Type y to quit anyway, or press "
    "Enter to try saving again:",
    "plain.bye_not_all": "Goodbye. What you did last was not saved.",
    "plain.fallback": "A full-screen display is not possible here ({reason}); using plain text mode.",
    "plain.no_room": "The room «{name}» cannot be followed in plain text mode: you do not join the room, "
                     "and the facilitator does not see you. The course opens anyway, and you can go to "
                     "the step the facilitator names yourself. To follow the room, use an ordinary "
                     "terminal window (ssh -t).",
    "plain.reason.not-a-terminal": "not a terminal",
    "plain.reason.dumb-terminal": "TERM={term}",
    "plain.home": "Modules (approach: {approach})",
    "plain.resume": "f or Enter. Continue where you were: {module}",
    "plain.start": "Enter. Begin with {module}",
    "plain.next": "f or Enter. Next: {module}",
    "plain.course_done": "f or Enter. You have been through the course: your data and export",
    "plain.home_keys": "a = approach · d = your data · h = help numbers · p = pause · q = quit",
    "plain.choose": "Choose:",
    "plain.unknown": "I do not recognise «{answer}» here.",
    "plain.approach_set": "Approach: {approach}.",
    "plain.pause": "Pause. Breathe in calmly through your nose, and out a little longer than you "
    "breathed in. Feel your feet on the floor. Take the time you need.",
    "plain.pause_back": "Press Enter when you want to go back to where you were.",
    "plain.end_skipped": "{n} skipped – choose the module on the home screen to read them whenever you like",
    "plain.end_ground": "Before you go on: notice how you are right now. Feel your feet on the floor and "
    "your breath, and take a few calm breaths. It is fine to stop here. p gives you a pause, h shows help "
    "numbers if something touched you.",
    "plain.course_export": "What you wrote is yours: d and then e on the home screen export your "
    "reflections to a file you choose.",
    "plain.goals": "Learning goals:",
    "plain.outline": "Contents:",
    "plain.skill": "Skill: {skill}",
    "plain.step": "Step {n} of {total}: {title}",
    "plain.note": "Content note: {note}",
    "plain.note_keys": "1, c or Enter = continue · 2 or s = skip · 3 or p = take a pause:",
    "plain.step_keys": "Enter = next · b = back · m = modules · p = pause · h = help numbers:",
    "plain.timer_offer": "Timer: {minutes} min. Type t to start it and t again to see the time. "
    "It never moves on by itself.",
    "plain.timer_started": "The timer is running: {minutes} min.",
    "plain.timer_left": "Left: {time}.",
    "plain.timer_done": "Time is up.",
    "plain.checklist_private": "(The checklist stores nothing. Print it with: tbp checklist --print)",
    "plain.reflection_old": "Your earlier answer:",
    "plain.reflection_how": "Write your answer. Several lines are fine; end with an empty line. "
    "Just Enter keeps what is there.",
    "plain.reflection_saved": "Saved.",
    "plain.not_saved": "Not saved (see the message above).",
    "plain.quiz_ask": "Answer with a number (Enter moves on):",
    "plain.quiz_right": "Correct.",
    "plain.quiz_wrong": "Not correct. Feel free to try again.",
    "plain.bye": "Goodbye. Your progress is saved.",
    "plain.bye_unsaved": "Goodbye. Nothing was saved this time.",
    "plain.data_keys": "e = export · s = delete everything · r = statements waiting · Enter = back:",
    "plain.export_ask": "File (Enter = {path}):",
    "plain.export_replace": "{path} already exists. Type yes to replace it:",
    "plain.delete_ask": "Type yes to delete everything, or Enter to cancel:",
    "plain.yes": "yes",
    # == care: pause, help numbers everywhere, Dine data, first start, profile picker (#7)
    "b.pause": "Pause",
    "b.pause_back": "Back to where I was",
    "pause.title": "Pause",
    "b.pacer": "Breathing guide on/off",
    "b.your_data": "Your data",
    "pause.intro": "Take the time you need. Nothing moves on while you are here, and whatever you "
    "had open is waiting for you.",
    "pause.breathe_title": "Breathe calmly",
    "pause.breathe_in": "Breathe in",
    "pause.breathe_out": "Breathe out",
    "pause.pacer_about": "In for 4 seconds, out for 6. Follow the count if it helps, or breathe "
    "in whatever way suits you.",
    "pause.pacer_off": "The breathing guide is off. p turns it on again.",
    "pause.senses_title": "5-4-3-2-1: notice",
    "pause.senses": "5 things you can see\n4 things you can feel\n3 things you can hear\n2 things "
    "you can smell\n1 thing you can taste",
    "pause.timer_title": "Timer (optional)",
    "b.delete_all": "Delete all",
    "data.title": "Your data",
    "data.profile": "Profile: {profile}",
    "data.guest": "Guest mode: nothing is stored on disk. What you do now exists only while the "
    "app is open.",
    "data.not_saving": "Saving is switched off for the rest of this session.",
    "data.what_title": "What is stored",
    "data.what": "Where you are in the course, which steps you have seen or skipped, the "
    "reflections you write, the answers you have tried in the quizzes, roughly how long you have "
    "spent on each module, and your settings (approach, theme, sound).",
    "data.sealed": "This profile is protected by a passphrase: the reflections are encrypted in "
    "the file and can only be read with the passphrase. Step ids, which steps you have seen or "
    "skipped, quiz answers, time and settings are not encrypted, because they are needed to "
    "resume where you left off.",
    "data.now_title": "Stored now",
    "data.now": "{seen} seen · {reflections} · {attempts} · {minutes} min",
    "data.now_skipped": "{n} skipped",
    "data.where_title": "Where",
    "data.data_dir": "Data folder:",
    "data.progress_file": "File for this profile:",
    "data.file_exists": "The file exists.",
    "data.file_missing": "The file does not exist yet; it is created the first time something is "
    "stored.",
    "data.guest_file": "In guest mode nothing is written here.",
    "data.private": "Only you can read the folder and the file (0700 and 0600).",
    "data.cache": "{folder} holds a copy of the course as already read, so the next start is "
    "quicker. It holds course text only, nothing you have written.",
    "data.report_title": "Reporting of completed modules",
    "data.report_guest": "As a guest nothing is stored or sent.",
    "data.report_show": "r shows exactly what is waiting to be sent.",
    "data.report_none": "No statements are waiting to be sent.",
    "b.report": "Reporting",
    "data.checklist_title": "Safety-plan checklist",
    "data.checklist": "What you tick and write in the checklist is never stored – not in the file "
    "above, not anywhere else. It reaches a disk only if you export it yourself.",
    "data.rights_title": "You decide",
    "data.rights": "e exports your reflections and progress to a file you choose. s deletes "
    "everything stored for this profile, after you confirm.",
    "data.export_button": "Export (e)",
    "data.delete_button": "Delete all (s)",
    "data.export_title": "Export your data",
    "data.export_intro": "Your reflections and progress as Markdown. You can change the file "
    "name. Only you will be able to read the file.",
    "data.export_writing": "Writing …",
    "data.export_file": "tbp-reflections-{when}.md",
    "data.export_private": "Only you can read the file.",
    "data.export_failed": "✗ The file was not written: {reason}. Nothing has changed. Choose "
    "another place and try again.",
    "data.guest_nothing": "Guest mode: nothing is stored, so there is nothing to delete.",
    "data.delete_title": "Delete everything?",
    "data.delete_body": "Everything stored for the profile «{profile}» will be deleted: {folder}. "
    "This cannot be undone. Nothing more is stored in this session; the next time you start "
    "tbp, the profile starts afresh.",
    "data.delete_yes": "Delete everything",
    "data.delete_no": "Cancel",
    "data.deleted": "Deleted: {folder}. Nothing more is stored in this session.",
    "data.delete_failed": "Could not delete everything in {folder}. Saving is switched off for "
    "the rest of the session.",
    "cmd.your_data": "Your data: what is stored, export and delete",
    "cmd.about": "About the course (welcome page)",
    "home.your_data": "Your data",
    "b.start": "Start",
    "welcome.title": "Welcome to «{course}»",
    "welcome.what": "A course in trauma-informed practice. You read, reflect and practise at your "
    "own pace. You can pause, skip, go back or quit whenever you like; nothing moves on by "
    "itself.",
    "welcome.parts_title": "How long the parts take",
    "welcome.competency": "{n} core competency modules",
    "welcome.each": "{n} min each",
    "welcome.stored": "Where you are, what you have seen and your reflections are stored for you "
    "alone, in {path}. See Your data (d) on the home screen.",
    "welcome.stored_nothing": "Nothing is stored in this session. See Your data (d) on the home "
    "screen.",
    "welcome.keys": "F2: pause with a breathing exercise · F3: help numbers · F12: hide the screen "
    "· F1: all keys",
    "welcome.start": "Enter or Esc: to the course",
    "profiles.title": "Choose a profile",
    "profiles.shared": "Several people use this account. Type the name of your profile; other "
    "people's profiles are not shown. A profile can be protected by its own passphrase, and then "
    "nobody else can open it. A profile without a passphrase can be opened by anyone on the "
    "account who knows its name.",
    "profiles.name": "Profile name",
    "profiles.name_placeholder": "Type your name and press Enter",
    "profiles.keys": "Enter: next · Esc: back or quit",
    "profiles.ask_plain": "Type your profile name (q quits):",
    "profiles.created": "New profile: {name}.",
    "profiles.created_protected": "New profile: {name}, protected by a passphrase.",
    "profiles.unknown": "There is no profile called «{name}». It is created if you go on.",
    "profiles.ask_create_plain": "There is no profile called «{name}». Create it? (y/n)",
    "profiles.protect_intro": "You can protect the profile with a passphrase of at least 8 "
    "characters. Your reflections are then stored encrypted, and only someone who knows the "
    "passphrase can open, export or delete the profile. Leave the field empty for a profile "
    "without a passphrase.",
    "profiles.forget_warning": "Important: if you forget the passphrase, nobody can read your "
    "reflections again – not you, not IT, not us. It cannot be reset.",
    "profiles.new_passphrase": "Passphrase (optional)",
    "profiles.repeat": "Repeat the passphrase",
    "profiles.ask_new_passphrase": "Passphrase (empty: none):",
    "profiles.ask_repeat": "Repeat the passphrase:",
    "profiles.passphrase": "Passphrase for «{name}»",
    "profiles.ask_passphrase": "The passphrase for «{name}»:",
    "profiles.opening": "Opening …",
    "profiles.wrong": "Wrong passphrase. Nothing was opened.",
    "profiles.wait": "Wrong passphrase. Wait {seconds} s before you try again.",
    "profiles.turn_wait": "There have been several wrong tries on this profile. Waiting {seconds} s …",
    "profiles.too_many": "Too many wrong tries. Nothing was opened.",
    "profiles.too_short": "The passphrase must have at least {n} characters.",
    "profiles.mismatch": "The two passphrases differ. Try again.",
    "profiles.bad_name": "«{name}» cannot be used as a profile name. {reason}",
    "profiles.browser.title": "Personal profile",
    "profiles.browser.shared": "You are a guest now. With a personal profile your reflections are "
    "stored encrypted on the server, so you can go on later in a new tab. Everyone in the browser "
    "uses the same account on the server, so the profile must have a passphrase. Type the name of "
    "your profile; other people's profiles are not shown. If you open a profile that exists, what "
    "you did as a guest in this tab is not carried into it: download it first under Your data.",
    "profiles.browser.keys": "Enter: next · Esc: back (go on as a guest)",
    "profiles.browser.protect_intro": "Choose a passphrase of at least 8 characters. Your "
    "reflections are stored encrypted with it, and only someone who knows the passphrase can open "
    "the profile. What you did as a guest in this tab is carried into the new profile.",
    "profiles.browser.new_passphrase": "Passphrase (at least 8 characters)",
    "profiles.browser.unprotected": "«{name}» has no passphrase and cannot be opened in the browser. "
    "Choose another name.",
    "profiles.browser.locked": "«{name}» was just made in another tab with another passphrase. "
    "Nothing was opened. Choose another name.",
    "profiles.browser.unsafe": "The data folder on the server is not safe, so the profile was not "
    "opened. Tell the facilitator.",
    "profiles.browser.bad_name": "«{name}» cannot be used as a profile name.",
    "profiles.browser.created": "The profile «{name}» was made. What you type is stored encrypted.",
    "profiles.browser.opened": "The profile «{name}» is open.",
    "home.personal": "Personal profile with a passphrase",
    "b.personal": "Profile",
    # == reader: content notes and skipped steps (#7)
    "b.content_note_continue": "Continue to the step",
    "b.content_note_skip": "Skip the step",
    "b.content_note_pause": "Take a pause",
    "reader.note_title": "Content note",
    "reader.note_continue": "Continue – show the step",
    "reader.note_skip": "Skip – go to the next step (you can open this one later)",
    "reader.note_pause": "Take a pause",
    "reader.note_hint": "Choose with 1, 2 or 3, or with ↑/↓ and Enter. You can also go on with n, "
    "back with p, or leave with Esc.",
    "reader.note_skipped_before": "You skipped this step earlier. You can choose again.",
    "reader.note_line": "Content note: {note}",
    "reader.skipped": "skipped",
    "reader.skipped_moved": "“{title}” is skipped. You will find it in the step list (t), marked ↷.",
    "reader.legend": "✓ seen · ↷ skipped",
    # == room: facilitator mode and room sync (#8)
    "b.fac_panel": "Facilitator panel",
    "b.room_goto": "Send the room to this step",
    "b.room_timer": "Start the timer in the room",
    "b.room_follow": "Follow the room / browse freely",
    "fac.panel_title": "Facilitator",
    "fac.panel_keys": "v hides or shows this panel",
    "fac.no_manus": "(no script)",
    "fac.plan_title": "Session plan",
    "fac.plan_step": "Step",
    "fac.plan_planned": "Plan",
    "fac.plan_spent": "Spent",
    "fac.plan_total": "Total",
    "fac.manus_title": "Script",
    "fac.room_title": "Room «{name}»",
    "fac.room_keys": "g sends everyone here · s starts the timer",
    "fac.timer_exercise": "Exercise: time left of {total}  {state}",
    "fac.timer_module": "Time in this module this session",
    "fac.timer_step_unplanned": "Time on this step",
    "fac.timer_step": "Time on this step · {n} min planned",
    "fac.timer_step_over": "Time on this step · past the {n} min planned",
    "fac.line_panel": "v: script, plan and timer",
    "fac.last_sent_goto": "Last sent at {time}: go to {where}",
    "fac.last_sent_timer": "Last sent at {time}: start the timer on {where}",
    "fac.choose_step": "Choose a step first; the overview cannot be sent.",
    "room.at_home": "on the home screen",
    "room.seats_count": "Participants: {n} · {following} following",
    "room.seats_none": "No participants yet.",
    "room.seat_facilitator": "facilitator",
    "room.seat_following": "following",
    "room.seat_browsing": "browsing",
    "room.seat_quiet": "quiet for {s} s",
    "room.seat_sessions": "({n} sessions)",
    "room.join_title": "Join the room «{name}»?",
    "room.join_body": "The room is led by {leader}.\n\n"
    "The facilitator sees:\n"
    " • your profile name («{profile}»)\n"
    " • which module and step you are on\n"
    " • whether you follow the facilitator or browse freely\n"
    " • when you were last active\n\n"
    "The facilitator never sees your reflections, your answers or your checklist notes. Only what "
    "is in the list is written to the room folder {folder}, and the others in the room can read it "
    "too.\n\n"
    "The facilitator can send you to a step. F4 lets you browse freely, and F4 again follows the "
    "facilitator. When you quit tbp, you leave the room.",
    "room.join_yes": "Join",
    "room.web_name_body": "The room is led by {leader}.\n\nType the name the facilitator will see you as "
    "(at most 32 characters). The facilitator sees the name, the browser server's account and which "
    "module and step you are on; never what you write in the course.",
    "room.web_name_field": "Your name in the room",
    "room.web_name_keys": "Enter: join · Esc: not now (F4 asks again)",
    "room.web_name_bad": "Type a name with at least one letter or digit, without / and not starting "
    "with a dot.",
    "serve.room": "The tabs join the room «{name}»: each tab gives a name for the facilitator's table.",
    "serve.room_leader": "The account {user} may lead rooms in {root}, and every tab runs as this "
                         "account: a participant in the browser would have the facilitator's rights in the "
                         "room. Run tbp serve under an account of its own that is only a participant (in the "
                         "room's group; see docs/serve.md).",
    "room.join_no": "Not now",
    "room.joined": "You are in the room «{name}». F4 switches between following the facilitator and "
    "browsing freely.",
    "room.back": "The connection to the room «{name}» is back.",
    "room.err_title": "The room",
    "room.err.missing": "The room «{name}» does not exist yet. The facilitator opens it with «tbp room "
    "open {name}». The course works as usual meanwhile.",
    "room.err.vanished": "The room «{name}» no longer exists. The course works as usual.",
    "room.err.no-permission": "You have no access to the room «{name}». Ask the facilitator about the "
    "room's group. The course works as usual.",
    "room.err.not-member": "You are not in the group of the room «{name}». Ask the facilitator. The "
    "course works as usual.",
    "room.err.not-owner": "The room «{name}» was opened by another user; only whoever opened it can "
    "facilitate there.",
    "room.leader_unknown": "a facilitator tbp cannot see yet (the room is not open)",
    "room.err.owner-changed": "The room «{name}» was opened again by {leader}, not by the one you "
    "joined. You do not follow it. F4: see who leads it, and join if you want to.",
    "room.err.no-root": "There is no room folder on this machine yet. The course works as usual.",
    "room.err.not-facilitator": "Only facilitators can open rooms here. The course works as usual.",
    "room.err.unsafe": "The room «{name}» has the wrong owner or permissions and is not used. The "
    "facilitator can close it and open it again.",
    "room.no_room": "No room in use. Start with «tbp --facilitator --room NAME» to send to a room.",
    "room.sent_goto": "Sent to the room: go to {where}.",
    "room.sent_timer": "Sent to the room: start the timer on {where}.",
    "room.went_to": "The facilitator went to {where}. Press F4 to follow.",
    "room.unknown_step": "The facilitator is on a step your course does not have.",
    "room.following_now": "You follow the facilitator again.",
    "room.browsing_now": "You are browsing freely. F4 follows the facilitator again.",
    "room.status_room": "Room {name}",
    "room.status_following": "following the facilitator",
    "room.status_browsing": "browsing freely",
    "room.status_f4_browse": "F4: browse freely",
    "room.status_f4_follow": "F4: follow",
    "room.status_facilitator_at": "the facilitator is on {where}",
    "room.status_joining": "connecting …",
    "room.status_not_in": "not joined",
    "room.status_f4_join": "F4: join",
    "room.status_no_contact": "no contact with the room",
    # == cli: command-line output
    "cli.n.problem.one": "{n} problem",
    "cli.n.problem.other": "{n} problems",
    "cli.n.file.one": "{n} file",
    "cli.n.file.other": "{n} files",
    "cli.n.module.one": "{n} module",
    "cli.n.module.other": "{n} modules",
    "cli.n.step.one": "{n} step",
    "cli.n.step.other": "{n} steps",
    "cli.n.reflection.one": "{n} reflection",
    "cli.n.reflection.other": "{n} reflections",
    "cli.n.quiz_answer.one": "{n} quiz answer",
    "cli.n.quiz_answer.other": "{n} quiz answers",
    "cli.n.reference.one": "{n} reference",
    "cli.n.reference.other": "{n} references",
    "cli.n.term.one": "{n} glossary term",
    "cli.n.term.other": "{n} glossary terms",
    "cli.n.participant.one": "{n} participant",
    "cli.n.participant.other": "{n} participants",
    "cli.n.account.one": "{n} participant account",
    "cli.n.account.other": "{n} participant accounts",
    "cli.no_such_path": "{path}: no such file or folder",
    "cli.validate.valid": "{path}: valid — {modules}, {steps}, {references}, {terms}",
    "cli.validate.invalid": "{path}: {problems} in {files}",
    "cli.course_missing": "the course folder {dir} does not exist",
    "cli.course_problems": "the course in {dir} has {problems}; run «tbp validate {dir}» after fixing "
    "them.",
    "cli.checklist.use_print": "use --print for a blank checklist on paper; in the app, open the "
    "safety-plan module from the home screen",
    "cli.checklist.none": "the course in {dir} has no checklist module",
    "argparse.usage": "usage: ",
    "argparse.positionals": "arguments",
    "argparse.options": "options",
    "argparse.help": "show this help and exit",
    "argparse.error": "%(prog)s: error: %(message)s\n",
    "argparse.argument": "%(argument_name)s: %(message)s",
    "argparse.unrecognized": "unrecognised arguments: %s",
    "argparse.ambiguous": "%(option)s is ambiguous, it could mean %(matches)s",
    "argparse.invalid_choice": "invalid choice: %(value)r (choose from %(choices)s)",
    "argparse.invalid_value": "invalid value: %(value)r (must be a number)",
    "argparse.required": "these arguments are missing: %s",
    "argparse.one_required": "one of the arguments %s is required",
    "argparse.expected_one": "needs a value",
    "argparse.expected_at_most_one": "takes at most one value",
    "argparse.expected_at_least_one": "needs at least one value",
    "argparse.expected_n.one": "needs %s value",
    "argparse.expected_n.other": "needs %s values",
    "argparse.not_allowed_with": "cannot be used together with %s",
    "argparse.ignored_explicit": "takes no value: %r",
    "argparse.unexpected_option": "unexpected option: %s",
    "argparse.unknown_parser": "unknown command %(parser_name)r (choose from %(choices)s)",
    "argparse.cant_open": "cannot open «%(filename)s»: %(error)s",
    "argparse.dash_mode": "«-» cannot be used with mode %r",
    "cli.help.description": "Livet skjer med oss alle («Life happens to all of us») – a course in "
    "trauma-informed practice in the terminal.",
    "cli.help.epilog": "Without a command the course starts. In the course F1 shows every key, F2 "
    "pauses and F12 hides the screen at once. «tbp where» shows where your progress is kept, and "
    "«tbp COMMAND --help» explains each command.",
    "cli.help.version": "show the version number and exit",
    "cli.help.plain": "the course as a text dialogue, line by line (screen readers, TERM=dumb)",
    "cli.help.choose_profile": "pick or create a profile first (also TBP_CHOOSE_PROFILE=1)",
    "cli.help.course": "use another course folder",
    "cli.help.data_dir": "where progress is kept (also TBP_DATA_DIR)",
    "cli.help.profile": "your profile when several people share one user account",
    "cli.help.guest": "guest: nothing is written to disk",
    "cli.help.lang": "language: nb (Norwegian bokmål) or en (English); without this option "
    "TBP_LANG or LANG decide, else nb",
    "cli.help.no_color": "no colours (like NO_COLOR)",
    "cli.help.theme": "colours for this run: standard (calm, dark), light, or ansi (the terminal's "
    "own); c on the home screen changes and keeps them",
    "cli.help.facilitator": "facilitator mode: manus, session plan and a large timer beside each step",
    "cli.help.room": "join a workshop room (with --facilitator: lead it; «tbp room open» opens one)",
    "cli.help.room_from_ssh": "join the room named after the host in «ssh -t HOST NAME», else the "
    "only room open (for sshd's ForceCommand)",
    "cli.help.serve_room": "each tab joins this workshop room under a display name it is asked for",
    "cli.help.room_root": "where rooms live (also TBP_ROOM_ROOT; default: /var/lib/tbp-rooms)",
    "cli.help.validate": "check course folders and report every problem",
    "cli.help.validate_paths": "course folders or course.toml files (default: the course in use)",
    "cli.help.checklist": "the safety-plan checklist",
    "cli.help.checklist_print": "write the blank checklist as Markdown to stdout, for paper",
    "cli.help.progress": "what you have explored, module by module",
    "cli.help.export": "your own reflections and progress",
    "cli.help.export_format": "md (Markdown) or json (default: %(default)s)",
    "cli.help.export_output": "write to FILE (created with mode 0600; «-» is stdout) instead of "
    "stdout; never over a link or a device, never into a missing folder",
    "cli.help.export_force": "replace FILE if it exists (otherwise tbp asks at a terminal and "
    "refuses elsewhere)",
    "cli.help.where": "every path tbp uses",
    "cli.help.forget": "delete a profile's data after confirmation",
    "cli.help.forget_yes": "do not ask (for scripts)",
    "cli.help.serve": "the course in a browser, one guest app per tab (needs: pip install "
    "'tbp-tui[web]')",
    "cli.help.serve_host": "address to listen on (default %(default)s; anything else belongs behind "
    "a reverse proxy with TLS and a login)",
    "cli.help.serve_port": "the port (default %(default)s)",
    "cli.help.serve_max_sessions": "at most N tabs at once (default %(default)s)",
    "cli.help.serve_idle_minutes": "end a tab after M minutes without a key (default %(default)s)",
    "cli.help.serve_public_url": "the address participants use, e.g. https://kurs.example.no behind "
    "a proxy",
    "cli.help.report": "completion reporting (xAPI): status, flush, test, csv",
    "cli.help.report_action": "status: on or off, to whom, what waits; flush: send now; test: try "
    "to reach the LRS; csv: one row per completed module",
    "cli.help.report_show": "with status: print the waiting statements",
    "cli.help.report_spool": "with flush: send the shared machine's spool (run as the service "
    "account)",
    "cli.help.report_from_lrs": "with csv: read the LRS, not this profile",
    "cli.help.room_cmd": "workshop rooms: open, close, status, accounts",
    "cli.help.room_open": "open a room for your group (you lead it)",
    "cli.help.room_close": "close a room you opened and remove its folder",
    "cli.help.room_status": "the room's seat table: profile, module, step, last seen",
    "cli.help.room_name": "room name: a-z, 0-9 and -, at most 32",
    "cli.help.room_group": "the participants' group (default: yours)",
    "cli.help.room_accounts": "print (never run) useradd lines for COUNT accounts",
    "cli.help.accounts_count": "how many participant accounts (1-200)",
    "cli.help.accounts_prefix": "user names: %(default)s01, %(default)s02, …",
    "cli.help.accounts_group": "their group (default: %(default)s)",
    "cli.help.accounts_shell": "login shell (default: %(default)s)",
    "cli.help.accounts_facilitator": "the facilitator's account (default: %(default)s)",
    "cli.meta.command": "COMMAND",
    "cli.meta.action": "ACTION",
    "cli.meta.dir": "DIR",
    "cli.meta.name": "NAME",
    "cli.meta.file": "FILE",
    "cli.meta.path": "PATH",
    "cli.meta.group": "GROUP",
    "cli.meta.count": "COUNT",
    "cli.meta.prefix": "PREFIX",
    "cli.meta.shell": "SHELL",
    "cli.meta.user": "USER",
    "cli.meta.host": "ADDRESS",
    "cli.bad_room": "--room {name}: a room name is 1-32 characters a-z, 0-9 and '-' (not first), for "
    "example kurs-mandag",
    "cli.unsafe_data_dir": "{reason}",
    "cli.bad_profile": "«{name}» cannot be used as a profile name. {reason}",
    "cli.locked": "The profile «{profile}» is protected by a passphrase, and it was not given. "
    "Nothing was shown, exported or deleted.",
    "cli.locked_no_terminal": "The profile «{profile}» is protected by a passphrase. Run the "
    "command in a terminal to type it. Nothing was shown, exported or deleted.",
    "cli.progress.notice": "{notice}",
    "cli.progress.title": "{course} – profile {profile}",
    "cli.progress.col_module": "Module",
    "cli.progress.col_steps": "Steps explored",
    "cli.progress.col_reflections": "Reflections",
    "cli.progress.col_time": "Time",
    "cli.progress.gone": "Saved progress for modules no longer in the course (kept): {ids}",
    "cli.export.bad_format": "unknown format «{fmt}»; use md or json.",
    "cli.export.failed": "Could not write {target}: {reason}. Nothing was exported.",
    "cli.export.done": "Exported to {target} (only you can read the file).",
    "cli.where.title": "Paths tbp uses",
    "cli.where.col_what": "What",
    "cli.where.col_path": "Path",
    "cli.where.col_exists": "Exists",
    "cli.where.yes": "yes",
    "cli.where.not_yet": "not yet",
    "cli.where.data_dir": "Data folder",
    "cli.where.profiles_dir": "Profiles folder (all)",
    "cli.where.profile_dir": "The profile «{profile}»",
    "cli.where.progress_file": "Progress file",
    "cli.where.lock_file": "Lock file",
    "cli.where.unlock_file": "Wrong passphrase tries (only a count)",
    "cli.where.cache_dir": "Courses already read, for a faster start (course text only)",
    "cli.where.set_aside": "Damaged file set aside: {path}",
    "cli.where.checklist": "The safety plan writes nothing to disk; it is stored only if you export it "
    "yourself to a file you choose.",
    "cli.where.guest": "With --guest nothing is written at all.",
    "cli.forget.no_data": "There is no saved data for the profile «{profile}».",
    "cli.forget.no_terminal": "cannot ask for confirmation without a terminal. Use --yes to delete "
    "without a question. Nothing was deleted.",
    "cli.forget.ask": "Type yes to delete all data for the profile «{profile}» in {folder}: ",
    "cli.forget.kept": "Nothing was deleted.",
    "cli.forget.failed": "Could not delete {folder}: {reason}.",
    "cli.forget.done": "Deleted all data for the profile «{profile}» ({folder}).",
    "cli.room.opened": "The room «{name}» is open.",
    "cli.room.folder": "folder",
    "cli.room.leader": "led by",
    "cli.room.leftover": "Something a participant put in the room could not be deleted; it is in "
    "{path}, and root can remove it. The room name is free.",
    "cli.room.sessions": "{who}, {n} sessions",
    "cli.room.bad_facilitator": "--facilitator «{name}» cannot become a user name: use lower-case "
    "letters a–z, digits, _ and -, at most 32 characters, starting with a letter.",
    "cli.room.bad_root": "--room-root «{root}» must be a full path without spaces, for example "
    "/var/lib/tbp-rooms.",
    "cli.room.group": "group",
    "cli.room.group_value": "{group} (only members can join)",
    "cli.room.join_how": "participants join with",
    "cli.room.lead_how": "you lead it with",
    "cli.room.shows": "The room shows profile name, module, step and last seen – never reflections or "
    "notes.",
    "cli.room.close_after": "Close it afterwards with «tbp room close {name}».",
    "cli.room.closed": "The room «{name}» is closed and its folder {path} is removed.",
    "cli.room.ago": "{n} s ago",
    "cli.room.col_profile": "profile",
    "cli.room.col_module": "module",
    "cli.room.col_step": "step",
    "cli.room.col_following": "following",
    "cli.room.col_seen": "last seen",
    "cli.room.facilitator": "{profile} (facilitator)",
    "cli.room.following_yes": "yes",
    "cli.room.following_no": "no, browsing freely",
    "cli.room.status_head": "Room «{name}» – {path} – group {group}, opened by {owner}",
    "cli.room.status_foot": "{participants} present (seats not updated for {seconds} s are left out).",
    "cli.room.bad_count": "COUNT must be a whole number from 1 to {max}, not «{count}».",
    "cli.room.bad_prefix": "--prefix «{prefix}» cannot become a user name: use lower-case letters a–z, "
    "digits, _ and -, at most {max} characters, and start with a letter.",
    "cli.room.bad_group": "--group «{group}» cannot become a group name: use lower-case letters a–z, "
    "digits, _ and -, at most 32 characters, and start with a letter.",
    "cli.room.bad_shell": "--shell «{shell}» must be a full path, for example /bin/sh.",
    "cli.room.accounts.1": "{accounts} in the group {group}. tbp runs nothing itself: read the lines,",
    "cli.room.accounts.2": "then run them as root on the course machine (for example: tbp room "
    "accounts … | sudo sh).",
    "cli.room.accounts.3": "Passwords: give each account its own with «passwd USER» (for example "
    "«passwd {first}»),",
    "cli.room.accounts.4": "or put the participant's public SSH key in ~{first}/.ssh/authorized_keys "
    "(0600).",
    "cli.room.accounts.5": "The facilitator {facilitator} logs in with a shell (the block below does "
    "not catch facilitators), opens rooms with «tbp room open NAME --group {group}»",
    "cli.room.accounts.6": "and leads with «tbp --facilitator --room NAME». Participants get only tbp, "
    "with the room they type after the host (ssh -t deltaker01@host NAME) or the only one open:",
    "cli.room.accounts.7": "See docs/workshop-room.md.",
    "cli.room.accounts.8": "The facilitator account {facilitator}: in {leaders} (may open rooms) and "
    "in the participants' group (may share the room with it).",
    "cli.room.accounts.9": "The room folder: only root and {leaders} can create rooms in it; "
    "participants can neither create, replace nor squat it.",
    "cli.room.accounts.10": "tbp on everyone's PATH (installed as in docs/workshop-room.md, step 1):",
    "cli.room.unknown_action": "unknown action «{action}»; use open, close, status or accounts.",
    "cli.room.err.bad-name": "The room name «{name}» cannot be used: use 1–32 characters a–z, 0–9 and "
    "hyphen (not first), for example «kurs-mandag».",
    "cli.room.err.exists": "The room «{name}» already exists at {path} (owned by {owner}). Choose "
    "another name, or close it first with «tbp room close {name}».",
    "cli.room.err.missing": "There is no room at {path}. Check the name, and --room-root or "
    "TBP_ROOM_ROOT.",
    "cli.room.err.vanished": "The room «{name}» no longer exists ({path}); the facilitator has closed it.",
    "cli.room.err.unsafe": "{path} is not safe for a room: it has the wrong type, owner or permissions "
    "(a shared room folder is root's, writable only by the facilitators' group, with the sticky "
    "bit: chmod 1775). Choose another with --room-root DIR or "
    "TBP_ROOM_ROOT, or ask an administrator to remove it.",
    "cli.room.err.no-permission": "No access to {path}. Ask whoever opened the room about its group, or "
    "ask an administrator.",
    "cli.room.err.not-owner": "The room «{name}» was opened by {owner}; only that user can close or lead "
    "it.",
    "cli.room.err.unknown-group": "The group «{group}» does not exist on this machine. Create it first "
    "(see «tbp room accounts»), or choose another with --group.",
    "cli.room.err.not-member": "You are not a member of the group «{group}». Choose a group you are in "
    "with --group, or log in again after being added to it.",
    "cli.room.err.bad-command": "Invalid module or step.",
    "cli.room.err.bad-profile": "The profile name «{profile}» cannot be used in a room.",
    "cli.room.err.no-root": "The room folder {path} does not exist. IT creates it once, as root (see "
    "«tbp room accounts»).",
    "cli.room.err.not-facilitator": "Only members of the group «{group}» can open rooms in {path}. Ask "
    "IT to add you (see «tbp room accounts»), then log in again.",
    "cli.room.err.owner-changed": "The room «{name}» was opened again by {leader}.",
    "cli.room.err.io": "Reading or writing {path} failed. Check the disk and the permissions, then try "
    "again.",
    "cli.room.err.other": "The room could not be used ({code}). The details, in Norwegian: {message}",
    # == export: the learner's own reflections and progress as Markdown (app and tbp export)
    "export_md.intro": "Your own progress and reflections.",
    "export_md.gone_heading": "No longer in the course",
    "export_md.gone_note": "Modules the course no longer has; what you wrote is kept.",
    "export_md.nothing": "No progress is stored yet.",
    "export_md.explored_of": "Steps explored: {n} of {total}",
    "export_md.explored": "Steps explored: {n}",
    "export_md.module_id": "Module id: {id}",
    "export_md.time": "Time spent: {time}",
    "export_md.seen": "Steps you have seen: {steps}",
    "export_md.skipped": "Steps you skipped: {steps}",
    "export_md.step_gone": "{id} (no longer in the course)",
    "export_md.reflection": "Reflection: {step}",
    "export_md.written": "Written {at}",
    "export_md.quiz": "Quiz: {step}",
    "export_md.attempt": "{at}: chose {chosen} – {verdict}",
    "export_md.chose_nothing": "nothing",
    "export_md.matched": "matched the answer key",
    "export_md.not_matched": "did not match the answer key",
    "export_md.duration_hm": "{h} h {m} min",
    "export_md.duration_m": "{m} min",
    # == progress store: notices and refusals (tbp_tui/progress/messages.py gives code and values)
    "progress.notice.guest": "Guest mode: nothing is saved.",
    "progress.notice.not-saving": "Progress is not being saved: {folder} ({reason}).",
    "progress.notice.internal-error": "Progress is not being saved: internal error ({detail}).",
    "progress.notice.unreadable": "Could not read {file} ({reason}).",
    "progress.notice.damaged": "The progress file {file} is damaged ({reason}).",
    "progress.notice.damaged-kept": "The progress file {file} is damaged ({reason}); it is left "
    "unchanged.",
    "progress.notice.set-aside-fresh": "The progress file was damaged ({reason}) and has been moved "
    "to {target}; you start with a clean slate.",
    "progress.notice.set-aside-kept": "The progress file was damaged ({reason}) and has been moved "
    "to {target}; the progress you have in this session has been saved again.",
    "progress.notice.busy": "Your progress could not be saved just now because another session with "
    "the same profile is saving; it will be tried again at the next save.",
    "progress.notice.not-deleted": "Could not delete {folder} ({reason}).",
    "progress.notice.unsafe": "{reason}",
    "progress.notice.locked": "The profile «{profile}» is protected by another passphrase than the "
    "one you opened it with (it was deleted and made again meanwhile). Nothing more is saved or "
    "deleted in this session.",
    "progress.notice.not-regular": "Progress is not saved: {file} is a link or not a regular file, "
    "and tbp neither follows links nor writes over it.",
    "progress.notice.save-failed": "Progress could not be saved just now: {folder} ({reason}). "
    "tbp tries again at the next save and says when it works.",
    "progress.notice.saving-again": "Progress is being saved again.",
    "progress.notice.conflict": "Your answer to the step «{step}» was changed in another session "
    "after you opened it here. The newer answer is kept; your text from here is "
    "kept beside it in the progress file.",
    "progress.os.read-only": "the folder is read-only",
    "progress.os.denied": "you have no permission for the folder",
    "progress.os.busy": "another session with the same profile is saving just now; try again shortly",
    "progress.os.disk-full": "the disk is full",
    "progress.os.no-folder": "the folder does not exist and cannot be created",
    "progress.os.other": "{detail}",
    "progress.damaged.not-utf8": "the file is not valid UTF-8",
    "progress.damaged.empty": "the file is empty",
    "progress.damaged.not-toml": "the file is not valid TOML ({detail})",
    "progress.damaged.bad-version": "schema_version is invalid: {value}",
    "progress.damaged.newer-version": "the file is from a newer version of the program "
    "(schema_version {version})",
    "progress.damaged.not-table": "{where} should be a table",
    "progress.damaged.not-text": "{where} should be text",
    "progress.damaged.not-bool": "{where} should be true or false",
    "progress.damaged.not-text-list": "{where} should be a list of text",
    "progress.damaged.not-number": "{where} should be a number",
    "progress.damaged.not-finite": "{where} should be a finite number ≥ 0",
    "progress.damaged.bad-chosen": "{where} should be a list of whole numbers ≥ 1",
    "progress.damaged.not-list": "{where} should be a list",
    "progress.damaged.unknown": "{where} is unknown: {value}",
    "progress.damaged.too-deep": "the file is nested too deeply to be read",
    "progress.damaged.too-large": "the file is larger than 1 MB",
    "progress.damaged.bad-seal": "the encrypted part {where} is damaged or was changed",
    "progress.profile_name.empty": "The profile name cannot be empty.",
    "progress.profile_name.too-long": "The profile name can be at most {max} characters long.",
    "progress.profile_name.dots": "The profile name cannot be «.» or «..».",
    "progress.profile_name.slash": "The profile name cannot contain a slash (/ or \\).",
    "progress.profile_name.leading-dot": "The profile name cannot start with a dot.",
    "progress.profile_name.control": "The profile name cannot contain control characters or line "
    "breaks.",
    "progress.profile_name.spaces": "The profile name cannot start or end with a space.",
    "progress.unsafe.not-owner": "The data folder {folder} belongs to another user. Choose a folder "
    "of your own (--data-dir or TBP_DATA_DIR).",
    "progress.unsafe.parent-not-owner": "The folder {folder} (which holds the data folder) belongs to "
    "another user. Choose a data folder under your own home folder.",
    "progress.unsafe.others-write": "The folder {folder} can be written by all users, so others could "
    "read or change your progress. Use a private folder (chmod 700) with --data-dir or TBP_DATA_DIR.",
    "progress.unsafe.group-write": "The folder {folder} can be written by a group, so others could "
    "read or change your progress. Use a private folder (chmod 700) with --data-dir or TBP_DATA_DIR.",
    "progress.unsafe.link": "The profile folder {folder} is a symbolic link; tbp does not follow "
    "links for private data. Move the folder to where the link points, or remove the link.",
    # tbp serve (web)
    "serve.missing": "tbp serve needs the «web» extra. Install it with: pip install 'tbp-tui[web]'",
    "serve.bad_port": "--port must be a number from 1 to 65535, not {port}.",
    "serve.bad_max": "--max-sessions must be from 1 to 500, not {n}.",
    "serve.bad_idle": "--idle-minutes must be more than 0 and at most 1440, not {n}.",
    "serve.bad_url": "--public-url must start with http:// or https:// and have no spaces or quotes: {url}",
    "serve.cannot_listen": "Cannot listen on {host}:{port}: {reason}.",
    "serve.loopback": "Only this machine reaches the page. For others to reach it, put a reverse proxy "
                      "with TLS and a login in front (see docs/serve.md).",
    "serve.exposed": "WARNING: {host} is not only this machine. tbp serve has neither TLS nor a login: "
                     "everything travels in clear text, and anyone who reaches the port can start "
                     "sessions. Use --host 127.0.0.1 behind a reverse proxy with TLS and a login "
                     "(see docs/serve.md).",
    "serve.guest": "Every tab starts as a guest: nothing is stored on the server. A participant may make "
                   "a personal profile with a passphrase (p on the home page); it is stored encrypted in "
                   "this account's data folder. Otherwise participants download their reflections under "
                   "«Your data».",
    "serve.limits": "At most {n} sessions at once; a tab without a key pressed for {minutes} min is ended.",
    "serve.listening": "tbp serve: {url}  (Ctrl+C stops the server)",
    "serve.page.title": "Trauma-informed practice",
    "serve.page.starting": "Starting the course …",
    "serve.page.guest": "You start as a guest: nothing you type is stored on the server. To keep your "
                        "reflections, make a personal profile with a passphrase (p on the home page), "
                        "or download them under «Your data» before you close the tab.",
    "serve.page.ended": "The session has ended.",
    "serve.page.ended_hint": "The course was closed, the tab went long without a key, or the connection "
                             "dropped. As a guest, nothing was stored on the server.",
    "serve.page.restart": "Start again",
    "serve.page.noscript": "The course in the browser needs JavaScript.",
    "serve.full.title": "All places are taken",
    "serve.full.body": "The server takes {n} sessions at once, and all are in use now. Try again in a "
                       "little while, or ask the facilitator.",
    "data.web_download": "The download has started in your browser: {name}",
    # the first hour (issue 20): typing, endings, deliberate deletes, the cover page
    "data.hide_title": "Hide the screen (F12)",
    "confirm.word": "yes",
    "confirm.type_word": "Type «{word}» and press Enter: {yes}. Esc: {no}.",
    "confirm.wrong_word": "The field does not say «{word}», so nothing was done. Type «{word}», or press "
    "Esc: {no}.",
    "end.title": "The end of the module",
    "end.done": "You have been through «{module}».",
    "end.did_title": "What you did",
    "end.written": "{reflections} written",
    "end.skipped": "{n} skipped – they are in the step list (t) whenever you like",
    "end.ground": "Before you go on: notice how you are right now. Feel your feet on the floor and your "
    "breath, and take a few calm breaths. It is fine to stop here. F2 gives you a pause, F3 shows help "
    "numbers if something touched you.",
    "end.next_title": "What comes next",
    "end.next": "Next module: {module} ({minutes}). You can take it now or another day.",
    "end.course_done": "You have been through the whole course. Thank you for the time and attention you "
    "gave it.",
    "end.course_export": "What you wrote is yours: e exports your reflections to a file you choose. Your "
    "data (d on the home screen) shows what is stored.",
    "end.keys": "Enter: open the next module · Esc: home · p/←: last step",
    "end.keys_course": "e: export · Esc: home · p/←: last step",
    "end.position": "End",
    "end.again": "The module has ended. Enter opens the next module, Esc goes home.",
    "end.again_course": "The course has ended. e exports, Esc goes home.",
    "b.open_next": "Next module",
    "home.next": "▶ Next: {module}",
    "home.course_done": "✓ You have been through the course · Your data and export",
    "cli.course_problem": "the course in {dir} has {problems}; run «tbp validate {dir}» after fixing it.",
    "small.quit": "q quits.",
    "b.start_course": "Start",
    "b.explain": "Show the explanation",
    "discard.body_exported": "You exported the form to {path}, and the file stays. What is on the screen "
    "is gone when you leave.",
    "discard.body_changed": "You exported the form to {path}, but have changed it since. The changes are "
    "not stored anywhere and are gone when you leave; choose “Stay” and export again with e to keep them.",
    "damaged.title": "Your progress could not be read",
    "damaged.set-aside-fresh": "The file where the app keeps your progress was damaged, so the app could "
    "not read it. It has been moved aside, not deleted: {target}. You start with a clean slate here.",
    "damaged.set-aside-kept": "The file where the app keeps your progress was damaged, so the app could "
    "not read it. It has been moved aside, not deleted: {target}. What you did in this session has been "
    "saved again.",
    "damaged.damaged": "The file where the app keeps your progress, {file}, is damaged, so the app could "
    "not read it.",
    "damaged.damaged-kept": "The file where the app keeps your progress, {file}, is damaged, so the app "
    "could not read it. It is left unchanged.",
    "damaged.unreadable": "The app could not read the file where it keeps your progress, {file} ({reason}).",
    "damaged.nothing_lost": "It is not your fault, and nothing was deleted: the reflections you wrote "
    "before are still in the old file. Your data (d on the home screen) shows where the files are.",
    "b.damaged_close": "Continue",
    "data.export_wrong": "Include quiz answers that were not right",
    "exercise.hint": "Doing the exercise alone? Write your thoughts here: Tab goes into the field, Esc out "
    "again.",
    "exercise.label": "Your notes",
    # end of the first-hour block
    # completion reporting (tbp report, Dine data)
    "report.off": "Reporting is off: nothing about you is sent anywhere. An administrator turns it on in "
    "{system}, or you do in {own}.",
    "report.off_short": "Reporting is off (tbp report status says where to turn it on).",
    "report.on": "Reporting is on ({source}): completed modules and quiz outcomes go to {endpoint}.",
    "report.actor": "You appear there as «{name}» ({home}).",
    "report.spool_mode": "On this machine they are left in {spool}, and a service account sends them on.",
    "report.counts": "Waiting: {waiting}. Sent: {sent}.",
    "report.dropped": "{n} older statements were dropped because the queue was full.",
    "report.last_error": "The last try failed: {reason}. Next try: {next}.",
    "report.never": "What you write (reflections, the quiz answers you chose, the safety plan) is never "
    "sent.",
    "report.bad_config": "the reporting configuration is wrong: {where}: {what}",
    "report.no_spool": "{source} has no spool; --spool is for a shared machine with a spool.",
    "report.spool_bad": "skipped {file} from {account}: {problem}",
    "report.send_failed": "could not send: {reason} (the statements wait and are sent later)",
    "report.flushed": "Sent: {n}.",
    "report.test": "{endpoint} answered HTTP {status}.",
}

CATALOGS: Final[dict[str, dict[str, str]]] = {"nb": NB, "en": EN}


class MissingKey(KeyError):
    """A key the catalog does not have (raised only in strict mode, which the tests use)."""


class Catalog:
    """Strings in one language; unknown keys come back as the key so a gap is visible.

    With ``TBP_STRICT_CATALOG=1`` (set for the whole test suite) a missing key raises instead,
    so a misspelt key anywhere fails the test that reaches it.
    """

    def __init__(self, lang: Lang = "nb") -> None:
        self.lang: Lang = lang
        self._strings = CATALOGS.get(lang, NB)
        self._strict = os.environ.get("TBP_STRICT_CATALOG") == "1"

    def __call__(self, key: str, **values: object) -> str:
        text = self._strings.get(key) or NB.get(key)
        if text is None:
            if self._strict:
                raise MissingKey(key)
            text = key
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in self._strings

    def approach(self, value: str | None) -> str:
        return self("approach.all" if value is None else f"approach.{value}")
