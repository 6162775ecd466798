import static java.lang.System.*
