"""The safety-plan checklist: a form that lives only in memory, and its explicit export.

What a clinician ticks or types here is health information about a patient. Nothing in this
package writes it anywhere except `export_form`, which the clinician must ask for.
"""

from tbp_tui.safety.form import ChecklistForm
from tbp_tui.safety.render import blank_markdown, filled_markdown

__all__ = ["ChecklistForm", "blank_markdown", "filled_markdown"]
