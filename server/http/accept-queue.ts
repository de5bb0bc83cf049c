// Connections the kernel keeps waiting for the server to accept (it caps this at
// net.core.somaxconn). After a restart every client reconnects at once: with Node's default of
// 511, S6's storm (1,000 handshakes in flight) overflowed the queue, and each dropped handshake
// waited for its one-second retransmission.
export const listenBacklog = 4096;
