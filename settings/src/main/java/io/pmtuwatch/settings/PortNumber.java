package io.pmtuwatch.settings;

import picocli.CommandLine;

/** A TCP port option: 1-65535, refused at parse time with the option's name (the socket's error named neither). */
public final class PortNumber implements CommandLine.ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        int port;
        try {
            port = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a port number (1-65535)");
        }
        if (port < 1 || port > 65_535) {
            throw new CommandLine.TypeConversionException(port + " is not a TCP port (1-65535)");
        }
        return port;
    }
}
