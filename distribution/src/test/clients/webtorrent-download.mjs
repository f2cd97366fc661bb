// Downloads a torrent with WebTorrent (its web seed and trackers; Node has no WebRTC here), verifying every
// piece, then prints the path of the file it wrote: node webtorrent-download.mjs FILE.torrent OUT_DIR
import { readFileSync } from 'node:fs'
import WebTorrent from 'webtorrent'

const [torrentFile, out] = process.argv.slice(2)
const client = new WebTorrent({ dht: false, lsd: false, utPex: false, natUpnp: false, natPmp: false })
const timer = setTimeout(() => { console.error('timed out'); process.exit(2) }, 150000)
client.on('error', err => { console.error(err.message); process.exit(1) })
client.add(readFileSync(torrentFile), { path: out }, torrent => {
  torrent.on('warning', err => console.error('warning: ' + err.message))
  torrent.on('done', () => {
    clearTimeout(timer)
    console.log(JSON.stringify({ infoHash: torrent.infoHash, file: torrent.files[0].path, verified: true }))
    client.destroy(() => process.exit(0))
  })
})
