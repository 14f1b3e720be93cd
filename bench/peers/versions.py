"""Print the versions of the Python peers' stack as one JSON line."""

import json
import platform
from importlib.metadata import version

PACKAGES = ["tensorflow-cpu", "keras", "fastapi", "uvicorn", "pydantic", "numpy", "pillow", "tqdm"]
print(json.dumps({"python": platform.python_version(), **{name: version(name) for name in PACKAGES}}))
