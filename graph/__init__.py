"""profile_insights.graph: the LangGraph state machine that turns a question into a report."""
