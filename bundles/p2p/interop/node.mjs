// What the interop peers (peer.mjs, dht-peer.mjs) share: a js-libp2p node on a loopback TCP port, and the
// JSON-lines protocol their Java harness (JsPeer) speaks: one command per line on stdin
// ({"id":1,"cmd":"dial",...}), one JSON object per line on stdout: {"event":"ready",...} once listening,
// then {"id":1,"ok":true,...} (or "ok":false with "error") per command.
import { createInterface } from 'node:readline'

// Node 20 lacks Promise.withResolvers, which a dependency calls: define it before libp2p loads.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function () {
    let resolve, reject
    const promise = new Promise((res, rej) => { resolve = res; reject = rej })
    return { promise, resolve, reject }
  }
}

// A failed background task of libp2p (e.g. its connection monitor's ping) must not end the test peer.
process.on('unhandledRejection', (e) => { console.error('unhandled rejection:', e?.message ?? e) })

const { createLibp2p } = await import('libp2p')
const { tcp } = await import('@libp2p/tcp')
const { noise } = await import('@chainsafe/libp2p-noise')
const { yamux } = await import('@chainsafe/libp2p-yamux')
const { identify } = await import('@libp2p/identify')
export const { multiaddr } = await import('@multiformats/multiaddr')
export const { peerIdFromString } = await import('@libp2p/peer-id')

export const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')

/** A started node listening on 127.0.0.1 (TCP, noise, yamux, identify) with the given extra services. */
export function createNode (agent, services, options = {}) {
  return createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    nodeInfo: { userAgent: agent },
    ...options,
    services: { identify: identify({ agentVersion: agent }), ...services }
  })
}

/**
 * Answers each command line with commands[cmd](cmd) (an async function returning the answer's fields),
 * adds "stop", stops the node when stdin closes, then announces the node as ready.
 */
export function serve (node, commands) {
  const all = {
    ...commands,
    stop: async () => {
      await node.stop()
      setTimeout(() => process.exit(0), 10)
      return {}
    }
  }
  const run = async (cmd) => {
    const f = Object.hasOwn(all, cmd.cmd) ? all[cmd.cmd] : null
    if (f === null) throw new Error('unknown command ' + cmd.cmd)
    return f(cmd)
  }
  createInterface({ input: process.stdin }).on('line', (line) => {
    let cmd
    try { cmd = JSON.parse(line) } catch { out({ ok: false, error: 'bad json' }); return }
    run(cmd).then(
      (r) => out({ id: cmd.id, ok: true, ...r }),
      (e) => out({ id: cmd.id, ok: false, error: String(e?.message ?? e) })
    )
  }).on('close', () => { node.stop().finally(() => process.exit(0)) })
  out({ event: 'ready', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map(String) })
}
