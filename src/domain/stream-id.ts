/**
 * Stream ids are `<type>-<part>/<part>…`, each part URI-encoded: ids such as `CYP P2` hold spaces,
 * and encoding `/` as `%2F` keeps `a/b` + `c` apart from `a` + `b/c`.
 */
export const streamIdOf = (streamType: string, ...parts: string[]): string => {
  if (!/^[a-z]+$/.test(streamType)) throw new Error(`Stream type "${streamType}" must be lower-case letters only`);
  if (parts.length === 0 || parts.some((part) => part.length === 0)) {
    throw new Error(`A ${streamType} stream id needs non-empty id parts`);
  }
  return `${streamType}-${parts.map(encodeURIComponent).join('/')}`;
};

export interface ParsedStreamId {
  streamType: string;
  parts: string[];
}

export const parseStreamId = (streamId: string): ParsedStreamId | undefined => {
  const match = /^([a-z]+)-(.+)$/.exec(streamId);
  if (!match) return undefined;
  try {
    return { streamType: match[1], parts: match[2].split('/').map(decodeURIComponent) };
  } catch {
    return undefined;
  }
};
