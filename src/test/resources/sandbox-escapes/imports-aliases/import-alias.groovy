import java.lang.Runtime as R
