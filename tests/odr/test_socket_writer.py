"""One room socket's writer (odr/room/socket_writer.py) against a frame sink: what is queued in
one pass of the event loop goes out in one write, in order; while the socket's buffer is full
nothing is written and nothing is lost; a socket that is gone breaks the writer at once.

The sink here is ``odr serve``'s own protocol class with its transport replaced by a recorder,
so ``send_texts`` frames real WebSocket bytes; every room test also runs through the real one
(``tests/odr/room_client.py``'s live server)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from websockets.frames import Frame, Opcode
from websockets.protocol import State
from websockets.server import ServerProtocol
from websockets.streams import StreamReader

from odr.room.socket_writer import SocketWriter
from odr.ws_protocol import LeanWebSocketProtocol, Writable


class Recorder:
    """A transport that keeps each ``write`` (its bytes) and can be closing."""

    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closing = False

    def write(self, data: bytes) -> None:
        self.writes.append(data)

    def is_closing(self) -> bool:
        return self.closing


def lean_socket() -> tuple[LeanWebSocketProtocol, Recorder]:
    """The sink as ``odr serve`` has it once the handshake is answered, writing to a recorder."""
    sink = LeanWebSocketProtocol.__new__(LeanWebSocketProtocol)  # no server config needed
    recorder = Recorder()
    conn = ServerProtocol()
    conn.state = State.OPEN
    sink.conn = conn
    sink.transport = recorder  # type: ignore[assignment]
    sink.writable = Writable()  # type: ignore[assignment]
    sink.disconnected = False
    sink.close_sent = False
    sink.handshake_complete = True
    sink.initial_response = None
    return sink, recorder


def texts(written: bytes) -> list[str]:
    """The text frames in ``written``, as a client reads them (server frames are unmasked)."""
    reader = StreamReader()
    reader.feed_data(written)
    reader.feed_eof()
    frames: list[str] = []
    while reader.buffer:
        parser = Frame.parse(reader.read_exact, mask=False)
        try:
            while True:
                next(parser)
        except StopIteration as done:
            frame: Frame = done.value
            assert frame.opcode is Opcode.TEXT and frame.fin
            frames.append(bytes(frame.data).decode())
    return frames


class NoAsgi:
    """The ASGI socket: unused while a sink is given."""

    async def send_text(self, _data: str) -> None:  # pragma: no cover - must not be called
        raise AssertionError("sent through ASGI although a sink was given")


async def test_what_is_queued_in_one_pass_goes_out_in_one_write_in_order() -> None:
    sink, recorder = lean_socket()
    writer = SocketWriter(NoAsgi(), 8, sink=sink)  # type: ignore[arg-type]
    assert writer.put(b'{"type":"ack","seq":7}')
    assert writer.put(b'{"type":"event","seq":7}')
    assert recorder.writes == []  # not before the loop's pass ends
    await writer.join()
    assert len(recorder.writes) == 1
    assert texts(recorder.writes[0]) == ['{"type":"ack","seq":7}', '{"type":"event","seq":7}']
    assert writer.put(b'{"type":"pong"}')
    await writer.join()
    assert [texts(w) for w in recorder.writes[1:]] == [['{"type":"pong"}']]
    await writer.stop()


async def test_while_the_buffer_is_full_frames_wait_and_then_go_in_order() -> None:
    sink, recorder = lean_socket()
    writer = SocketWriter(NoAsgi(), 8, sink=sink)  # type: ignore[arg-type]
    sink.pause_writing()
    for n in range(3):
        assert writer.put(f'{{"n":{n}}}'.encode())
    joined = asyncio.ensure_future(writer.join())
    for _ in range(5):
        await asyncio.sleep(0)
    assert recorder.writes == [] and not joined.done()
    assert writer.put(b'{"n":3}')  # queued behind the others, still nothing written
    await asyncio.sleep(0)
    assert recorder.writes == []
    sink.resume_writing()
    await asyncio.wait_for(joined, 1)
    sent = [text for written in recorder.writes for text in texts(written)]
    assert sent == ['{"n":0}', '{"n":1}', '{"n":2}', '{"n":3}']
    assert not writer.broken.done()
    await writer.stop()


async def test_a_full_queue_refuses_the_next_frame() -> None:
    sink, _ = lean_socket()
    writer = SocketWriter(NoAsgi(), 2, sink=sink)  # type: ignore[arg-type]
    sink.pause_writing()
    assert writer.put(b"{}") and writer.put(b"{}")
    assert not writer.put(b"{}")  # the connection closes such a client with 1013
    await writer.stop()


@pytest.mark.parametrize("gone", ["disconnected", "close_sent"])
async def test_a_socket_that_is_gone_breaks_the_writer_and_join_returns(gone: str) -> None:
    sink, recorder = lean_socket()
    writer = SocketWriter(NoAsgi(), 8, sink=sink)  # type: ignore[arg-type]
    setattr(sink, gone, True)
    assert writer.put(b'{"n":1}')
    await asyncio.wait_for(writer.broken, 1)
    await asyncio.wait_for(writer.join(), 1)  # the unsent frame does not hold a hand-over
    assert recorder.writes == []
    await writer.stop()


async def test_a_stopped_writer_sends_nothing_more() -> None:
    sink, recorder = lean_socket()
    writer = SocketWriter(NoAsgi(), 8, sink=sink)  # type: ignore[arg-type]
    assert writer.put(b'{"n":1}')
    await writer.stop()
    for _ in range(3):
        await asyncio.sleep(0)
    assert recorder.writes == []


async def test_without_a_sink_frames_go_through_asgi_one_by_one() -> None:
    sent: list[Any] = []

    class Asgi:
        async def send_text(self, data: str) -> None:
            await asyncio.sleep(0)
            sent.append(data)

    writer = SocketWriter(Asgi(), 8)  # type: ignore[arg-type]
    for n in range(3):
        assert writer.put(f'{{"n":{n}}}'.encode())
    await asyncio.wait_for(writer.join(), 1)
    assert sent == ['{"n":0}', '{"n":1}', '{"n":2}']
    await writer.stop()
