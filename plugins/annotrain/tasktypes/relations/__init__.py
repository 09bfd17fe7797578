"""The ``relations`` task type: entity spans in a passage and labelled, directed links between them."""
