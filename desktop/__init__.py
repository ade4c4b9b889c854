"""The Tepat application: start-up, main window, dialogs, CLI and background operations."""
