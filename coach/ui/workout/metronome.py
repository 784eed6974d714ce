"""The lowering metronome: a bar that fills over the lowering, a tick per beat."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

# Colour is never alone: the banner always spells out the leg and the phase too.
NEUTRAL = QColor("#4b5563")


class Metronome(QWidget):
    """A bar that fills over the lowering, a tick per beat, and the seconds counted down."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(48)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Lowering metronome")
        self.fraction = 0.0
        self.beats = 0
        self.beat: int | None = None
        self.caption = ""
        self.colour = NEUTRAL

    def show_state(
        self, fraction: float, beats: int, beat: int | None, caption: str, colour: QColor
    ) -> None:
        self.fraction, self.beats, self.beat, self.caption = fraction, beats, beat, caption
        self.colour = colour
        self.setAccessibleDescription(caption)
        self.update()

    def pulsing(self) -> bool:
        """True just after a beat: the bar brightens for the first 15% of each second."""
        if not self.beats or self.beat is None:
            return False
        return self.fraction * self.beats - (self.beat - 1) < 0.15

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802, ARG002 - Qt's override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.palette().mid())
        p.drawRoundedRect(r, 10, 10)
        fill = QColor(self.colour)
        if self.pulsing():
            fill = fill.lighter(140)
        p.setBrush(fill)
        p.drawRoundedRect(QRectF(r.x(), r.y(), r.width() * self.fraction, r.height()), 10, 10)
        p.setPen(self.palette().base().color())
        for k in range(1, self.beats):
            x = r.x() + r.width() * k / self.beats
            p.drawLine(int(x), int(r.top()) + 4, int(x), int(r.bottom()) - 4)
        font = p.font()
        font.setPixelSize(max(14, int(r.height() * 0.55)))
        font.setBold(True)
        p.setFont(font)
        p.setPen(self.palette().text().color())
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, self.caption)
        p.end()
