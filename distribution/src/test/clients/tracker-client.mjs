// Announces to an HTTP tracker with bittorrent-tracker's client, then scrapes it, and prints what it heard as
// JSON: node tracker-client.mjs ANNOUNCE_URL INFO_HASH PEER_ID_HEX PORT LEFT
import { Client } from 'bittorrent-tracker'

const [announce, infoHash, peerId, port, left] = process.argv.slice(2)
const client = new Client({ infoHash, peerId, announce: [announce], port: Number(port) })
const result = { warnings: [], errors: [] }
const timer = setTimeout(() => finish(), 20000)

function finish () {
  clearTimeout(timer)
  console.log(JSON.stringify(result))
  client.destroy(() => process.exit(0))
}

client.on('error', err => { result.errors.push(err.message); finish() })
client.on('warning', err => { result.warnings.push(err.message) })
client.once('update', data => {
  result.update = { complete: data.complete, incomplete: data.incomplete }
  client.scrape()
})
client.once('scrape', data => {
  result.scrape = { complete: data.complete, incomplete: data.incomplete, downloaded: data.downloaded }
  finish()
})
client.start({ left: Number(left) })
