package io.pmtuwatch.stream;

import io.pmtuwatch.testsupport.ShippedModuleArchitecture;

/** The stream processor's packages form no cycle, its public API shows no internals, and it ships no bench or lab code. */
class ArchitectureTest extends ShippedModuleArchitecture {

    ArchitectureTest() {
        super("io.pmtuwatch.stream");
    }
}
