//! Per-article credibility: signals with reasons, combined into a score.
