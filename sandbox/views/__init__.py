"""Sandbox views, one module per replica; each is thin: parse, call one service or selector, render."""
