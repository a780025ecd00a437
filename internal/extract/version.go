package extract

// Version is the extractors' version, recorded with every mention and in the
// origin of every statement they propose (extracted:athar-en@Version). Raise
// it whenever what they find changes, so that re-extraction knows what is new.
const Version = "21"
