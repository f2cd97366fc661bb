// Prints what parse-torrent reads from a .torrent file, as JSON: node parse-torrent.mjs FILE
import { readFileSync } from 'node:fs'
import parseTorrent from 'parse-torrent'

const torrent = await parseTorrent(readFileSync(process.argv[2]))
console.log(JSON.stringify({
  infoHash: torrent.infoHash,
  name: torrent.name,
  length: torrent.length,
  pieceLength: torrent.pieceLength,
  pieces: torrent.pieces.length,
  announce: torrent.announce,
  urlList: torrent.urlList,
  createdBy: torrent.createdBy,
  private: Boolean(torrent.private)
}))
