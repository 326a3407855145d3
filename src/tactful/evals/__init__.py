"""Evaluation: the validator on labelled replies, the engines on invitation cases."""
