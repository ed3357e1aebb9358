"""A TCP proxy that can make a database "stop" and "start" without touching the real server.

Supple connects to the proxy; the proxy forwards to PostgreSQL. stop() closes every proxied
connection (as a database restart would) and then treats new connections one of two ways:

  refuse     the port is closed: connecting fails at once (ECONNREFUSED), like a stopped server
  blackhole  connections are accepted and then nothing ever comes back, like a network partition
             or a frozen host: only the client's own deadline helps

start() forwards again on the same port. Plain threads: a handful of connections at most.
"""

from __future__ import annotations

import socket
import threading

REFUSE, BLACKHOLE = "refuse", "blackhole"


class TcpProxy:
    def __init__(self, target_host: str, target_port: int, listen_host: str = "127.0.0.1"):
        self.target = (target_host, target_port)
        self.listen_host = listen_host
        self.port = 0  # chosen on the first listen, kept afterwards
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._accepting = None  # the accept thread
        self._mode = "forward"  # forward | refuse | blackhole
        self._open: set[socket.socket] = set()  # every socket to close on stop()
        self.connections = 0  # how many connections were forwarded (to see Supple used the proxy)

    # Control.
    def start(self) -> "TcpProxy":
        """Forward (again). Black-holed connections from the outage are closed now."""
        with self._lock:
            self._mode = "forward"
            self._close_all_locked()
            if self._listener is None:
                self._listen_locked()
        return self

    def stop(self, mode: str = REFUSE) -> None:
        if mode not in (REFUSE, BLACKHOLE):
            raise ValueError(mode)
        with self._lock:
            self._mode = mode
            self._close_all_locked()
            if mode == REFUSE and self._listener is not None:
                self._close_listener_locked()

    def close(self) -> None:
        with self._lock:
            self._mode = "closed"
            self._close_all_locked()
            if self._listener is not None:
                self._close_listener_locked()

    # Internals.
    def _close_listener_locked(self) -> None:
        # shutdown() first: a bare close() leaves the socket listening while another thread is
        # blocked in accept() on it (Linux), so connections would still be accepted.
        try:
            self._listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._listener.close()  # the accept thread gets an error and ends
        self._listener = None

    def _listen_locked(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.listen_host, self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._accepting = threading.Thread(target=self._accept_loop, args=(listener,), name="proxy-accept", daemon=True)
        self._accepting.start()

    def _close_all_locked(self) -> None:
        for sock in list(self._open):
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes the pump threads blocked in recv
            except OSError:
                pass
            sock.close()
        self._open.clear()

    def _accept_loop(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # listener closed (refuse mode or close())
            with self._lock:
                mode = self._mode
                if mode == BLACKHOLE:
                    self._open.add(client)  # held open, never read, never answered
                    continue
                if mode != "forward":
                    client.close()
                    continue
            threading.Thread(target=self._forward, args=(client,), name="proxy-conn", daemon=True).start()

    def _forward(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(self.target, timeout=5)
            upstream.settimeout(None)
        except OSError:
            client.close()
            return
        with self._lock:
            if self._mode != "forward":  # stopped while we were connecting
                client.close()
                upstream.close()
                return
            self._open.update((client, upstream))
            self.connections += 1
        threading.Thread(target=self._pump, args=(client, upstream), name="proxy-up", daemon=True).start()
        self._pump(upstream, client)

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        # One side ended: end both, so the other pump and the peers notice.
        for sock in (source, sink):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        with self._lock:
            self._open.discard(source)
            self._open.discard(sink)
        source.close()
        sink.close()
