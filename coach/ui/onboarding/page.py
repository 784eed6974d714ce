"""What every page of the set-up wizard shares: its look, its plain labels and its base class."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizardPage

if TYPE_CHECKING:  # the wizard imports its pages: only the type checker looks back
    from coach.ui.onboarding import OnboardingWizard

BODY_POINTS = 11
PAGES = 6
# Tinted frames set their text colour too, so they stay readable on a dark palette.
# A style sheet cuts the label off its parent's font, hence the size here too.
NOTICE = (
    f"font-size: {BODY_POINTS}pt; background: #fff4e0; color: #3d2800; "
    "border: 1px solid #b26a00; border-radius: 6px; padding: 8px;"
)
STOP = (
    f"font-size: {BODY_POINTS}pt; background: #fde7e9; color: #4a000d; "
    "border: 1px solid #b00020; border-radius: 6px; padding: 8px;"
)
FIELD_WIDTH = 260  # inputs hold a few characters: a full-width box hides its arrows


def text_label(text: str = "", *, rich: bool = False, size: int | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if size is not None:
        label.setStyleSheet(f"font-size: {size}pt;")
    return label


def small(text: str) -> str:
    return f"<span style='font-size: {BODY_POINTS - 2}pt'>{escape(text)}</span>"


def framed(style: str) -> QLabel:
    label = text_label(rich=True)
    label.setStyleSheet(style)
    return label


class Page(QWizardPage):
    """A page whose Next (and Finish) stay off until `isComplete()`, also when called in code.

    QWizard.next() does not ask isComplete() itself, only validatePage(): tying the two
    keeps a test or a keyboard shortcut from stepping past an unanswered page.
    """

    def __init__(self, title: str, step: int) -> None:
        super().__init__()
        self.setTitle(f"<span style='font-size: {BODY_POINTS + 5}pt'>{escape(title)}</span>")
        self.setSubTitle(f"Step {step} of {PAGES}")

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        return self.isComplete()

    def onboarding(self) -> OnboardingWizard:
        # Pages live in it only (OnboardingWizard adds them all). The wizard imports its
        # pages, so its class is known here to the type checker only, hence a cast.
        return cast("OnboardingWizard", self.wizard())
