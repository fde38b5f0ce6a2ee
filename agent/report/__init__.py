"""The report: its data model, how it is assembled from the steps, and how it is rendered."""
