"""The ``tracking`` task type: objects boxed through a short sequence of frames."""
