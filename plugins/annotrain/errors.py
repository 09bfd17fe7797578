"""Error types every part of annotrain raises for problems a user can fix.

An :class:`AuthoringError` always knows where the problem is (a file and a
1-based line) so that the build, the command line and the tests can print
``path:line: message`` instead of a traceback. An :class:`AuthoringWarning` is
placed the same way but stops nothing: the build logs it, ``annotrain validate``
lists it.
"""

from __future__ import annotations


class AnnotrainError(Exception):
    """Base of every error annotrain reports to a user."""


class AuthoringError(AnnotrainError):
    """A mistake in a lesson, quiz or rubric: bad YAML, unknown label, missing field..."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def located(self, path: str | None = None, line_offset: int = 0) -> AuthoringError:
        """Return a copy placed in ``path`` with its line shifted by ``line_offset``."""
        line = None if self.line is None else self.line + line_offset
        return AuthoringError(self.message, path or self.path, line)

    def __str__(self) -> str:
        return _located(self.message, self.path, self.line)


class AuthoringWarning:
    """Something a trainer should change that does not stop a build.

    For example a graded quiz asking items whose answers the learner has seen.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        return _located(self.message, self.path, self.line)


def _located(message: str, path: str | None, line: int | None) -> str:
    where = path or "<input>"
    if line is not None:
        where = f"{where}:{line}"
    return f"{where}: {message}"
