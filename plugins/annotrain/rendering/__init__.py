"""From checked tasks to HTML: the Markdown extension, the renderer and its templates."""
