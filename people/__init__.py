"""Provinces, communes, the platform's people (officials, trainers, department heads), and who may
see whom."""
