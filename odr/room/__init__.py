"""The negotiation room: the case's event log, commands, proposals and the WebSocket endpoint."""
