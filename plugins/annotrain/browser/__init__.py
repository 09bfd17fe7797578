"""The browser files every page with exercises loads, and how pages' bundles are made.

The files of one task type live in its folder (``tasktypes/<type>/``); the ones
here are the core: the grader, the progress store, the quiz runner and the page
script that starts every widget.
"""
