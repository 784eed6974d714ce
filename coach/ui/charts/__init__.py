"""The Progress page's charts: pyqtgraph plots that read out the point under the mouse
and export themselves as PNG or SVG.

Its modules import pyqtgraph (a few hundred milliseconds), so the package is imported
only when the Progress page is first shown: nothing imported at start-up may import it.
The charts only draw: the page reads the records, `coach.domain.trends` shapes them,
and `coach.domain.chart_data` holds the rules the pain chart shares with the report's.

- `theme`: colours from the palette, pens, fonts, the pain zones' and the legs' look
- `axis`: the date axis and its ticks, and how axes are styled
- `plot`: one plot, its series and the read-out under the mouse
- `export`: the file chooser, the PNG and SVG pictures, the all-or-nothing write
- `card`: `ChartCard`, a titled chart with its Export menu, or why there is none
- `pain`, `mornings`, `visa`, `load`, `adherence`: one chart each
"""
