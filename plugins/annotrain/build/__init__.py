"""The MkDocs glue: the plugin, its options, and what only the whole MkDocs site knows.

Only this folder imports MkDocs; everything else (loading, grading, rendering, the
Markdown extension, the command line) runs without it.
"""
