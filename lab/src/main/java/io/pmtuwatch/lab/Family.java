package io.pmtuwatch.lab;

/** IP version of a lab address. Every lab link carries both where its MTU allows IPv6 (>= 1280). */
public enum Family {
    V4,
    V6
}
