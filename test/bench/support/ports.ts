// Loopback source addresses for many client sockets. Each connection from one address to
// the server's one port takes an ephemeral port; when a scenario needs more sockets than
// the range comfortably holds, they are spread over 127.0.0.2, 127.0.0.3, … (all of
// 127.0.0.0/8 is loopback on Linux) through socket.io-client's `localAddress` option, which
// engine.io-client hands to `ws` for the WebSocket transport in Node.
import fs from 'node:fs';

export interface LoopbackPlan {
  ephemeralPorts: number;
  /** Empty: let the kernel pick 127.0.0.1 and a port, as usual. */
  localAddresses: string[];
  summary: string;
}

function ephemeralRange(): [number, number] {
  try {
    const [low, high] = fs
      .readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low && high && high > low) return [low, high];
  } catch {
    // Not Linux: assume the IANA range.
  }
  return [49152, 65535];
}

export function loopbackPlan(sockets: number): LoopbackPlan {
  const [low, high] = ephemeralRange();
  const ports = high - low + 1;
  // Leave room for connections in TIME_WAIT and everything else on the machine.
  const perAddress = Math.floor(ports * 0.6);
  if (sockets <= perAddress) {
    return {
      ephemeralPorts: ports,
      localAddresses: [],
      summary: `${sockets} sockets fit the ${ports} ephemeral ports (${low}–${high}) of one source address`,
    };
  }
  const count = Math.ceil(sockets / perAddress);
  const localAddresses = Array.from({ length: count }, (_, i) => `127.0.0.${i + 2}`);
  return {
    ephemeralPorts: ports,
    localAddresses,
    summary: `${sockets} sockets over ${count} source addresses (${localAddresses[0]}–${localAddresses.at(-1)}), ${ports} ephemeral ports each`,
  };
}
