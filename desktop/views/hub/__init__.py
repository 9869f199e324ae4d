"""The programme hub's window (docs/hub.md): importing committees' signed exports."""
