"""Saving a chart as a picture: the file chooser, the PNG and SVG renderings of a
chart's layout with its title in it, and the all-or-nothing write.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyqtgraph as pg  # type: ignore[import-untyped]  # pyqtgraph ships no type hints
import pyqtgraph.exporters  # type: ignore[import-untyped]  # the same: no hints
from PySide6.QtCore import QBuffer, QByteArray, QDir, QIODevice, QRectF
from PySide6.QtGui import QColor, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QWidget

from coach.storage.files import private_temp

PNG_SCALE = 2  # exported pictures at twice the screen's pixels, sharp in a report


class ChooseChartFile:
    """The save dialog of an export, replaceable in tests."""

    @classmethod
    def ask(cls, parent: QWidget, title: str, suggested: str, fmt: str) -> Path | None:
        """The file to export a chart to, ending in `.fmt`; None if cancelled."""
        kind = "PNG picture (*.png)" if fmt == "png" else "SVG drawing (*.svg)"
        name, _ = QFileDialog.getSaveFileName(
            parent,
            f"Export “{title}” as {fmt.upper()}",
            str(Path(QDir.homePath()) / f"{suggested}.{fmt}"),
            kind,
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == f".{fmt}" else path.with_name(f"{path.name}.{fmt}")


def write_file(target: Path, data: bytes) -> None:
    """Write `data` through a private temporary file renamed into place: all or nothing."""
    with private_temp(target) as temp:
        with temp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        temp.replace(target)


def png(layout: pg.GraphicsLayout) -> bytes:
    """The chart's `layout` as PNG bytes, at PNG_SCALE times its pixels."""
    exporter = pg.exporters.ImageExporter(layout)
    exporter.parameters()["width"] = int(layout.width() * PNG_SCALE)
    image = exporter.export(toBytes=True)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def svg(layout: pg.GraphicsLayout, title: str, paper: str, dpi: float) -> bytes:
    """Qt's own SVG of the chart's `layout`, on `paper`, at the screen's `dpi`.

    pyqtgraph 0.14's SVGExporter cannot read the path data Qt 6.12 writes (it fails
    on any plot); the plots clip their data to the view, so Qt's generator, which
    leaves clipping out, draws the same picture.
    """
    scene = layout.scene()
    source = layout.sceneBoundingRect()
    target = QRectF(0, 0, source.width(), source.height())
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(target.size().toSize())
    generator.setViewBox(target)
    # The axes replay QPictures drawn for the screen: at another resolution they shrink.
    generator.setResolution(round(dpi))
    generator.setTitle(title)
    generator.setDescription("A chart from Coach's Progress page")
    painter = QPainter(generator)
    painter.fillRect(target, QColor(paper))
    with _export_mode(scene, {"painter": painter, "antialias": True}):
        scene.render(painter, target, source)
    painter.end()
    buffer.close()
    return bytes(data.data())


@contextlib.contextmanager
def titled(layout: pg.GraphicsLayout, title: str, ink: str) -> Iterator[None]:
    """The title in the picture, above the key, while it is exported."""
    label = layout.addLabel(title, row=0, col=0, colspan=3, size="14pt", bold=True,
                            color=ink, justify="left")  # fmt: skip
    layout.layout.activate()
    try:
        yield
    finally:
        layout.removeItem(label)
        layout.layout.activate()


@contextlib.contextmanager
def _export_mode(scene: Any, options: dict[str, Any]) -> Iterator[None]:
    """Items drawn for a file, not the screen: markers as shapes, not cached pixmaps."""
    items = [i for i in scene.items() if hasattr(i, "setExportMode")]
    for item in items:
        item.setExportMode(True, options)  # noqa: FBT003 - pyqtgraph's signature
    try:
        yield
    finally:
        for item in items:
            item.setExportMode(False)
