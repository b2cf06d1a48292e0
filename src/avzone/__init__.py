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

from avzone._version import __version__
from avzone.errors import AvzoneError, CRSError, DataError, InputError, LayerError
from avzone.model import Model, load

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
