"""shelf-labels: pushes price changes to the electronic shelf labels of a store."""
