"""Inter-annotator agreement: a generic core, its metrics, and each task type's hooks."""
