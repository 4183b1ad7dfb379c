// A js-libp2p peer driven by the p2p bundle's interop tests and benchmarks, on the JSON-lines protocol of
// node.mjs; besides the command answers it prints {"event":"message",...} per gossip message received.
import { createHash } from 'node:crypto'
import { createNode, out, serve, multiaddr, peerIdFromString } from './node.mjs'

const { identifyPush } = await import('@libp2p/identify')
const { ping } = await import('@libp2p/ping')
const { gossipsub } = await import('@chainsafe/libp2p-gossipsub')

const SINK = '/test/sink/1.0.0'
const PING = '/ipfs/ping/1.0.0'
const AGENT = 'js-interop-peer/1.0.0'

const node = await createNode(AGENT, {
  identifyPush: identifyPush({ agentVersion: AGENT }),
  // the connection monitor pings on its own stream too, beside the benchmark's open ping stream
  ping: ping({ maxOutboundStreams: 8, maxInboundStreams: 8 }),
  pubsub: gossipsub({ allowPublishToZeroTopicPeers: true, emitSelf: false, heartbeatInterval: 1000 })
}, { connectionManager: { maxConnections: 300 } })

// A deterministic byte source (xorshift32), so both sides can compute the checksum independently.
function * pseudoRandomChunks (total, seed, chunk = 64 * 1024) {
  let x = seed >>> 0 || 1
  let left = total
  while (left > 0) {
    const n = Math.min(chunk, left)
    const buf = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0
      buf[i] = x & 0xff
    }
    left -= n
    yield buf
  }
}

// The sink protocol: read everything, answer the SHA-256 of it (32 bytes), close.
await node.handle(SINK, async ({ stream }) => {
  const hash = createHash('sha256')
  for await (const chunk of stream.source) {
    hash.update(chunk.subarray())
  }
  await stream.sink([hash.digest()])
}, { maxInboundStreams: 64 })

node.services.pubsub.addEventListener('message', (evt) => {
  const m = evt.detail
  out({ event: 'message', topic: m.topic, data: Buffer.from(m.data).toString('utf8'), from: m.type === 'signed' ? m.from.toString() : null })
})

// An open ping stream per peer for repeated pings (the bench measures RTT on one stream).
async function pingOnStream (peer, count) {
  // ping allows one outbound stream by default, which the connection monitor also needs
  const stream = await node.dialProtocol(peer, PING, { maxOutboundStreams: 8 })
  const queue = []
  let wake = null
  let ended = false
  const reader = (async () => {
    try {
      for await (const chunk of stream.source) {
        queue.push(chunk.subarray())
        if (wake) { wake(); wake = null }
      }
    } finally {
      ended = true
      if (wake) { wake(); wake = null }
    }
  })()
  let pending = new Uint8Array(0)
  async function read32 () {
    while (pending.length < 32) {
      if (queue.length === 0 && ended) throw new Error('ping stream ended')
      if (queue.length === 0) await new Promise(resolve => { wake = resolve })
      if (queue.length === 0) continue
      const c = queue.shift()
      const n = new Uint8Array(pending.length + c.length)
      n.set(pending); n.set(c, pending.length)
      pending = n
    }
    const r = pending.subarray(0, 32)
    pending = pending.subarray(32)
    return r
  }
  const outgoing = []
  let push = null
  const sinkDone = stream.sink((async function * () {
    while (true) {
      if (outgoing.length === 0) await new Promise(resolve => { push = resolve })
      const b = outgoing.shift()
      if (b === null) return
      yield b
    }
  })())
  const send = (b) => { outgoing.push(b); if (push) { push(); push = null } }
  const rtts = []
  for (let i = 0; i < count; i++) {
    const payload = new Uint8Array(32)
    crypto.getRandomValues(payload)
    const t0 = process.hrtime.bigint()
    send(payload)
    const echo = await read32()
    rtts.push(Number(process.hrtime.bigint() - t0) / 1e6)
    if (Buffer.compare(Buffer.from(echo), Buffer.from(payload)) !== 0) throw new Error('ping echo mismatch')
  }
  send(null)
  await sinkDone
  await stream.close()
  await reader.catch(() => {})
  return rtts
}

serve(node, {
  dial: async (cmd) => {
    const t0 = process.hrtime.bigint()
    const conn = await node.dial(multiaddr(cmd.addr))
    return { peer: conn.remotePeer.toString(), ms: Number(process.hrtime.bigint() - t0) / 1e6 }
  },
  ping: async (cmd) => ({ ms: await node.services.ping.ping(peerIdFromString(cmd.peer)) }),
  pingStream: async (cmd) => ({ rtts: await pingOnStream(peerIdFromString(cmd.peer), cmd.count ?? 100) }),
  peerInfo: async (cmd) => {
    const p = await node.peerStore.get(peerIdFromString(cmd.peer))
    const agent = p.metadata.get('AgentVersion')
    return {
      protocols: p.protocols,
      agent: agent ? Buffer.from(agent).toString('utf8') : null,
      // certified = taken from the peer's signed peer record, whose signature js verified
      addresses: p.addresses.map(a => ({ addr: a.multiaddr.toString(), certified: a.isCertified === true }))
    }
  },
  hangUp: async (cmd) => {
    await node.hangUp(peerIdFromString(cmd.peer))
    return {}
  },
  connections: async () => ({ peers: node.getConnections().map(c => c.remotePeer.toString()) }),
  send: async (cmd) => {
    const t0 = process.hrtime.bigint()
    const stream = await node.dialProtocol(peerIdFromString(cmd.peer), cmd.protocol ?? SINK)
    const hash = createHash('sha256')
    const source = (function * () {
      for (const c of pseudoRandomChunks(cmd.bytes, cmd.seed)) { hash.update(c); yield c }
    })()
    const reply = []
    const reading = (async () => { for await (const c of stream.source) reply.push(Buffer.from(c.subarray())) })()
    await stream.sink(source)
    await reading
    const secs = Number(process.hrtime.bigint() - t0) / 1e9
    return { sha256: hash.digest('hex'), reply: Buffer.concat(reply).toString('hex'), seconds: secs }
  },
  subscribe: async (cmd) => {
    node.services.pubsub.subscribe(cmd.topic)
    return {}
  },
  meshPeers: async (cmd) => ({ peers: node.services.pubsub.getMeshPeers(cmd.topic).map(String), subscribers: node.services.pubsub.getSubscribers(cmd.topic).map(String) }),
  publish: async (cmd) => {
    const r = await node.services.pubsub.publish(cmd.topic, new TextEncoder().encode(cmd.data))
    return { recipients: r.recipients.map(String) }
  }
})
