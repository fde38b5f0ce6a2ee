"""Analysis: the knowledge base, the deterministic and model analysts, and grounding checks."""
