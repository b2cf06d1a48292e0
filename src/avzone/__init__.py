"""avzone: where autonomous vehicles may drive in Beijing.

Load the embedded dataset of the Beijing high-level autonomous driving
demonstration zone (or any folder with the same schema), check it, measure
it on the ellipsoid, locate points in it and map it.

>>> import avzone
>>> model = avzone.load()
>>> "current" in model.layers and "planned" in model.layers
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from avzone._version import __version__
from avzone.errors import AvzoneError, CRSError, DataError, InputError, LayerError

if TYPE_CHECKING:
    from avzone.model import Model, load


def __getattr__(name: str) -> Any:
    # The model pulls in geopandas, pyproj and numba: import it on first use so
    # that `avzone --help` and `import avzone.errors` stay quick.
    if name in ("Model", "load"):
        from avzone import model

        return getattr(model, name)
    raise AttributeError(f"module 'avzone' has no attribute {name!r}")


__all__ = [
    "AvzoneError",
    "CRSError",
    "DataError",
    "InputError",
    "LayerError",
    "Model",
    "__version__",
    "load",
]
