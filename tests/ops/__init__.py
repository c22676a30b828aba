"""Operations: the service as deployed (reverse proxy, client addresses)."""
