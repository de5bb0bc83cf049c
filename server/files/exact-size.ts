// Server: an upload says its size first; a body that runs past it or ends short is refused, so a
// blob store never keeps a truncated file as if it were whole.

export class ShortBody extends Error {}

/** The body's chunks, failing if it runs past `size` or ends short of it. */
export async function* exactly(body: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let read = 0;
  for await (const chunk of body) {
    read += chunk.length;
    if (read > size) throw new ShortBody(`the body is longer than ${size} bytes`);
    yield chunk;
  }
  if (read < size) throw new ShortBody(`the body ended after ${read} of ${size} bytes`);
}
