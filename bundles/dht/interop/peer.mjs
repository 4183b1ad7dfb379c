// A js-libp2p kad-dht peer (server mode, /hypertensor/kad/1.0.0) driven by the dht bundle's interop test.
// Protocol: one JSON object per line on stdin ({"id":1,"cmd":"put",...}); one JSON object per line on
// stdout: {"event":"ready",...} once listening, then {"id":1,"ok":true,...} per command. Keys are UTF-8
// text, values hex. js only accepts records under namespaces it has a validator for: "hypertensor"
// records are signed entry sets that the Java side verifies, so the js validator accepts them as bytes.
import { createInterface } from 'node:readline'

// Node 20 lacks Promise.withResolvers, which a dependency calls: define it before libp2p loads.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function () {
    let resolve, reject
    const promise = new Promise((res, rej) => { resolve = res; reject = rej })
    return { promise, resolve, reject }
  }
}

const { createLibp2p } = await import('libp2p')
const { tcp } = await import('@libp2p/tcp')
const { noise } = await import('@chainsafe/libp2p-noise')
const { yamux } = await import('@chainsafe/libp2p-yamux')
const { identify } = await import('@libp2p/identify')
const { ping } = await import('@libp2p/ping')
const { kadDHT, passthroughMapper } = await import('@libp2p/kad-dht')
const { multiaddr } = await import('@multiformats/multiaddr')
const { peerIdFromString } = await import('@libp2p/peer-id')

const PROTOCOL = '/hypertensor/kad/1.0.0'
const AGENT = 'js-dht-interop-peer/1.0.0'

const node = await createLibp2p({
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  nodeInfo: { userAgent: AGENT },
  services: {
    identify: identify({ agentVersion: AGENT }),
    ping: ping(),
    dht: kadDHT({
      protocol: PROTOCOL,
      clientMode: false,
      peerInfoMapper: passthroughMapper, // keep loopback addresses
      validators: { hypertensor: async (key, value) => { if (value.length === 0) throw new Error('empty record') } },
      selectors: { hypertensor: () => 0 }
    })
  }
})

const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
const utf8 = (s) => new TextEncoder().encode(s)
const hex = (b) => Buffer.from(b).toString('hex')

async function handle (cmd) {
  const dht = node.services.dht
  switch (cmd.cmd) {
    case 'dial': {
      const conn = await node.dial(multiaddr(cmd.addr))
      return { peer: conn.remotePeer.toString() }
    }
    case 'waitRouting': {
      const deadline = Date.now() + (cmd.ms ?? 10000)
      while (dht.routingTable.size < cmd.size && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50))
      return { size: dht.routingTable.size }
    }
    case 'closest': {
      const key = cmd.peer ? peerIdFromString(cmd.peer).toMultihash().bytes : utf8(cmd.key)
      const peers = new Set()
      for await (const e of dht.getClosestPeers(key)) {
        if (e.name === 'FINAL_PEER') peers.add(e.peer.id.toString())
      }
      return { peers: [...peers] }
    }
    case 'put': {
      let stored = 0
      const errors = []
      for await (const e of dht.put(utf8(cmd.key), Buffer.from(cmd.value, 'hex'))) {
        if (e.name === 'PEER_RESPONSE' && e.messageName === 'PUT_VALUE') stored++
        if (e.name === 'QUERY_ERROR') errors.push(String(e.error?.message ?? e.error))
      }
      return { stored, errors }
    }
    case 'get': {
      // Every value found (ours and each answering peer's), not only the one js's selector picks.
      const values = []
      const from = []
      for await (const e of dht.contentFetching.getMany(utf8(cmd.key))) {
        if (e.name === 'VALUE') { values.push(hex(e.value)); from.push(e.from.toString()) }
      }
      return { values, from }
    }
    case 'stop':
      await node.stop()
      setTimeout(() => process.exit(0), 10)
      return {}
    default:
      throw new Error('unknown command ' + cmd.cmd)
  }
}

createInterface({ input: process.stdin }).on('line', (line) => {
  let cmd
  try { cmd = JSON.parse(line) } catch { out({ ok: false, error: 'bad json' }); return }
  handle(cmd).then(
    (r) => out({ id: cmd.id, ok: true, ...r }),
    (e) => out({ id: cmd.id, ok: false, error: String(e?.message ?? e) })
  )
}).on('close', () => { node.stop().finally(() => process.exit(0)) })

out({ event: 'ready', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map(String) })
