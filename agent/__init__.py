"""profile-insights: answer performance questions from Pyroscope profiles and your source code.

The public names for embedders are re-exported from :mod:`profile_insights.agent.api` once the
graph exists; everything the graph uses lives in the sub-modules of this package.
"""
