// A js-libp2p kad-dht peer (server mode, /hypertensor/kad/1.0.0) driven by the dht bundle's interop test,
// on the JSON-lines protocol of node.mjs. Keys are UTF-8 text, values hex. js only accepts records under
// namespaces it has a validator for: "hypertensor" records are signed entry sets that the Java side
// verifies, so the js validator accepts them as bytes.
import { createNode, serve, multiaddr, peerIdFromString } from './node.mjs'

const { ping } = await import('@libp2p/ping')
const { kadDHT, passthroughMapper } = await import('@libp2p/kad-dht')

const PROTOCOL = '/hypertensor/kad/1.0.0'
const AGENT = 'js-dht-interop-peer/1.0.0'

const node = await createNode(AGENT, {
  ping: ping(),
  dht: kadDHT({
    protocol: PROTOCOL,
    clientMode: false,
    peerInfoMapper: passthroughMapper, // keep loopback addresses
    validators: { hypertensor: async (key, value) => { if (value.length === 0) throw new Error('empty record') } },
    selectors: { hypertensor: () => 0 }
  })
})

const dht = node.services.dht
const utf8 = (s) => new TextEncoder().encode(s)
const hex = (b) => Buffer.from(b).toString('hex')

serve(node, {
  dial: async (cmd) => {
    const conn = await node.dial(multiaddr(cmd.addr))
    return { peer: conn.remotePeer.toString() }
  },
  waitRouting: async (cmd) => {
    const deadline = Date.now() + (cmd.ms ?? 10000)
    while (dht.routingTable.size < cmd.size && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50))
    return { size: dht.routingTable.size }
  },
  closest: async (cmd) => {
    const key = cmd.peer ? peerIdFromString(cmd.peer).toMultihash().bytes : utf8(cmd.key)
    const peers = new Set()
    for await (const e of dht.getClosestPeers(key)) {
      if (e.name === 'FINAL_PEER') peers.add(e.peer.id.toString())
    }
    return { peers: [...peers] }
  },
  put: async (cmd) => {
    let stored = 0
    const errors = []
    for await (const e of dht.put(utf8(cmd.key), Buffer.from(cmd.value, 'hex'))) {
      if (e.name === 'PEER_RESPONSE' && e.messageName === 'PUT_VALUE') stored++
      if (e.name === 'QUERY_ERROR') errors.push(String(e.error?.message ?? e.error))
    }
    return { stored, errors }
  },
  get: async (cmd) => {
    // Every value found (ours and each answering peer's), not only the one js's selector picks.
    const values = []
    const from = []
    for await (const e of dht.contentFetching.getMany(utf8(cmd.key))) {
      if (e.name === 'VALUE') { values.push(hex(e.value)); from.push(e.from.toString()) }
    }
    return { values, from }
  }
})
