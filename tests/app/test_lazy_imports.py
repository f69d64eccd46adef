"""The studio and the kiosk open without the libraries they need only later.

VTK and pyvista load once the preview first shows, trimesh and manifold3d
with the first geometry, scikit-learn with the first suggestions, and the
PDF, DXF and schema libraries with the first export. Importing them before
the first frame would add seconds to every start.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFERRED = (
    "vtkmodules",
    "pyvista",
    "matplotlib",
    "trimesh",
    "manifold3d",
    "shapely",
    "scipy",
    "sklearn",
    "reportlab",
    "ezdxf",
    "jsonschema",
)

# Imports what app.gui.run_gui imports before the window shows, and loads
# the catalog and a design session of every model, as the first frame does
# for one of them.
FIRST_FRAME = """
import sys
import app.autosave, app.gui, app.kiosk, app.main_window, designer.studio_data
from designer.catalog import load_catalog
from designer.session import DesignSession

for model in load_catalog().models.values():
    session = DesignSession(model)
    session.price()
    session.domains
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_first_frame_skips_deferred_libraries(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "", "PYTHONPATH": str(ROOT), "ATELIER_CACHE_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    assert "PySide6" in loaded
    for library in DEFERRED:
        assert library not in loaded, f"{library} is imported before the first frame"
