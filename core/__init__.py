"""The bottom layer: small, app-independent building blocks every app may import (the workflow core,
shared infrastructure). It imports no app of this project."""
