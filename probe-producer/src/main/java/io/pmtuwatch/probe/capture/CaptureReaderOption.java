package io.pmtuwatch.probe.capture;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Option;

/** {@code --reader}: which code reads the capture file ({@code analyze}, {@code replay}). */
public final class CaptureReaderOption {

    @Option(names = "--reader", paramLabel = "READER", defaultValue = "builtin",
            converter = Converter.class,
            description = "Capture file reader: builtin (default, pure Java) or pcap4j (libpcap: several times"
                    + " slower, its per-frame JNA call dominated the time; for files the built-in reader refuses,"
                    + " e.g. modified pcap).")
    CaptureFileReader reader = CaptureFileReader.BUILTIN;

    public CaptureFileReader reader() {
        return reader;
    }

    static final class Converter implements ITypeConverter<CaptureFileReader> {
        @Override
        public CaptureFileReader convert(String value) {
            try {
                return CaptureFileReader.of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
