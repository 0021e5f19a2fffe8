package io.pmtuwatch.probe.clamp;

/**
 * What came back for the SYN sent with one TTL.
 *
 * @param ttl        TTL / hop limit of the SYN
 * @param responder  who answered (router or target); null when nothing did
 * @param kind       TIME_EXCEEDED from a router, REACHED when the target answered (SYN-ACK or RST), NONE
 * @param quotedMss  the MSS option in the router's quote; null when absent or not quoted
 * @param mssVisible true when the quote covered the whole TCP header, so an absent MSS is really absent
 */
public record HopQuote(int ttl, String responder, Kind kind, Integer quotedMss, boolean mssVisible) {

    public enum Kind { TIME_EXCEEDED, REACHED, NONE }
}
