"""Exceptions raised by avzone.

Every error avzone raises on purpose derives from :class:`AvzoneError`, so a
caller can catch them all at once; the subclasses that describe a bad value
also derive from :class:`ValueError`.
"""

from __future__ import annotations


class AvzoneError(Exception):
    """Base class of every error avzone raises on purpose.

    The message of the errors users meet most is an :class:`avzone.i18n.Message`:
    a ``str`` (``str(err)`` is the English text, as for any other error) that
    also carries its catalogue key and fields, so that the command line can
    print it in Chinese (:func:`avzone.i18n.error_text`).
    """


class DataError(AvzoneError, ValueError):
    """A dataset folder or layer file cannot be read or parsed.

    The message names the file (and the feature, when there is one) and what
    is wrong with it.
    """


class CRSError(AvzoneError, ValueError):
    """A coordinate reference system is unknown or cannot be used."""


class InputError(AvzoneError, ValueError):
    """User input (a point, a file of points, a column name) is unusable.

    The message names the file, row or column and says what would be right.
    """


class LayerError(AvzoneError, KeyError):
    """A layer or feature id does not exist in the dataset."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""
