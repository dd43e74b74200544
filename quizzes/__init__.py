"""Question bank, quizzes, attempts and scoring."""
